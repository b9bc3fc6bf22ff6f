using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Comparison;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.PostMortem;

/// <summary>One fix of the iteration: the proposal, what the run did with it, and its test report when it was tested.</summary>
public sealed record PostMortemInput(FixProposal Proposal, FixRecord Record, TestReport? Test);

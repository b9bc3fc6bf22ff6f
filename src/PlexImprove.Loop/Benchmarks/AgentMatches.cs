namespace PlexImprove.Loop.Benchmarks;

/// <summary>One agent's items matched by the judged refresh before the run and by the fresh one after it.</summary>
public sealed record AgentMatches(string Agent, int BaselineMatched, int BaselineItems, int FinalMatched, int FinalItems);

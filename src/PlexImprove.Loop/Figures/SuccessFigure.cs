using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Figures;

/// <summary>One success figure of a run, with the window it was measured on (<c>baseline</c>, <c>iteration N</c>, <c>final</c>).</summary>
public sealed record SuccessFigure(string Label, AgentRate Rate);

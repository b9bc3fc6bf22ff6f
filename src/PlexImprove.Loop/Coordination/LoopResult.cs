using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination;

/// <summary>How a run ended and where its report is.</summary>
public sealed record LoopResult(LoopState State, string ReportPath, string ChartPath);

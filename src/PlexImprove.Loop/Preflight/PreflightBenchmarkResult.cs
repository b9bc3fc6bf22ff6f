using PlexImprove.Agent.Preflight;

namespace PlexImprove.Loop.Preflight;

/// <summary>The figures of <c>bench preflight</c>: the fix, its result, the cold run and the warm median.</summary>
public sealed record PreflightBenchmarkResult(string FixId, PreflightResult Result, TimeSpan Cold, TimeSpan WarmMedian, int WarmRuns);

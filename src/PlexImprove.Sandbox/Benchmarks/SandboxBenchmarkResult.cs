namespace PlexImprove.Sandbox.Benchmarks;

/// <summary>Figures of one <c>bench sandbox</c> run.</summary>
public sealed record SandboxBenchmarkResult(
    TimeSpan PluginStart,
    IReadOnlyList<TimeSpan> SingleRefreshes,
    TimeSpan Batch,
    int BatchItems,
    int Concurrency,
    int Updated)
{
    public TimeSpan Median => Percentile(0.5);

    public TimeSpan P90 => Percentile(0.9);

    private TimeSpan Percentile(double p)
    {
        var sorted = SingleRefreshes.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}

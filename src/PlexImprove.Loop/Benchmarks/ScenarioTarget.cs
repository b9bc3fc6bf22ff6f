namespace PlexImprove.Loop.Benchmarks;

/// <summary>What a scenario's run must reach to pass <c>bench scenarios</c>.</summary>
public sealed record ScenarioTarget
{
    /// <summary>The share of the scenario's items a fresh refresh after the run must match (default 0.95).</summary>
    public double MinMatchedShare { get; init; } = 0.95;

    /// <summary>Iterations the loop may take at most (default 2).</summary>
    public int MaxIterations { get; init; } = 2;

    /// <summary>The loop's wall time at most: from the end of the baseline refresh to the end of the run (default 2 min).</summary>
    public TimeSpan MaxLoopTime { get; init; } = TimeSpan.FromMinutes(2);

    public static ScenarioTarget Default { get; } = new();
}

namespace PlexImprove.Core.Metrics;

/// <summary>The metrics document and, when requested, the sessions behind it.</summary>
public sealed class AggregationResult
{
    public required MetricsDocument Metrics { get; init; }

    /// <summary>Every session inside the window, oldest first per agent; empty unless requested.</summary>
    public IReadOnlyList<AgentSession> Sessions { get; init; } = [];
}

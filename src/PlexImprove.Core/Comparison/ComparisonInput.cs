using PlexImprove.Core.Metrics;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Comparison;

/// <summary>Everything <see cref="MetricComparer"/> needs: the same items judged before and after, and both windows' metrics.</summary>
public sealed class ComparisonInput
{
    /// <summary>The tested items with their baseline outcome and their verdict after the fix.</summary>
    public required IReadOnlyList<ItemVerdict> Items { get; init; }

    /// <summary>Counters of the affected agents over the baseline window.</summary>
    public required Counts BaselineCounts { get; init; }

    /// <summary>Counters of the affected agents over the test window.</summary>
    public required Counts AfterCounts { get; init; }

    /// <summary>Signatures of the affected agents in the baseline.</summary>
    public IReadOnlyList<SignatureSummary> BaselineSignatures { get; init; } = [];

    /// <summary>Signatures of the affected agents in the test window.</summary>
    public IReadOnlyList<SignatureSummary> AfterSignatures { get; init; } = [];

    /// <summary>Plugins that failed to load after the restart, with what the log said; empty when all loaded.</summary>
    public IReadOnlyList<string> LoadFailures { get; init; } = [];
}

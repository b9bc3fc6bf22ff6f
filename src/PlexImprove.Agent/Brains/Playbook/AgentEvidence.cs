using PlexImprove.Core.Metrics;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>Everything the rules know about one agent: its counters, its signatures, its log incidents and its code.</summary>
public sealed class AgentEvidence
{
    public required string Agent { get; init; }

    public required Counts Counts { get; init; }

    /// <summary>The signatures this agent logged, most frequent first.</summary>
    public required IReadOnlyList<SignatureSummary> Signatures { get; init; }

    public required AgentLogScan Log { get; init; }

    /// <summary>The agent's bundle; null when the Plug-ins folder does not hold it.</summary>
    public AgentBundle? Bundle { get; init; }

    /// <summary>Sessions of this agent in the window (empty when the aggregation did not collect them).</summary>
    public IReadOnlyList<AgentSession> Sessions { get; init; } = [];

    public long HttpErrors(int status) => Counts.HttpErrors.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Signatures of the given kind, optionally whose text contains <paramref name="text"/>.</summary>
    public IEnumerable<SignatureSummary> SignaturesOf(string kind, string? text = null) =>
        Signatures.Where(s => s.Kind == kind && (text is null || s.Text.Contains(text, StringComparison.Ordinal) || s.Example.Contains(text, StringComparison.Ordinal)));

    /// <summary>Events per 100 sessions (searches and updates started), the unit of <c>ExpectedResult.Target</c>.</summary>
    public double Per100(long events) => Counts.Started == 0 ? 0 : Math.Round(events * 100.0 / Counts.Started, 1);
}

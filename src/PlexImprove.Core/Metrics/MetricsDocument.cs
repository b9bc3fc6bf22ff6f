using System.Text.Json.Serialization;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// The Phase 1 metrics document (<c>aggregate --json</c>, <c>iteration_N/metrics.json</c>), schema version 1.
/// Timestamps are ISO-8601 local times without a zone, as in the logs.
/// </summary>
public sealed class MetricsDocument
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    [JsonPropertyName("logsDir")] public required string LogsDir { get; init; }
    [JsonPropertyName("window")] public required AggregationWindow Window { get; init; }
    [JsonPropertyName("files")] public required IReadOnlyList<FileSummary> Files { get; init; }
    [JsonPropertyName("totals")] public required Counts Totals { get; init; }
    [JsonPropertyName("agents")] public required SortedDictionary<string, Counts> Agents { get; init; }
    [JsonPropertyName("signatures")] public required IReadOnlyList<SignatureSummary> Signatures { get; init; }

    /// <summary>Facts a reader needs to interpret the numbers (an empty folder, files without records …).</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}

using System.Text.Json.Serialization;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Core.Comparison;

/// <summary>The active test's report (<c>iteration_N/test_report_&lt;fix-id&gt;.json</c>), schema version 1.</summary>
public sealed class TestReport
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    [JsonPropertyName("fixId")] public required string FixId { get; init; }
    [JsonPropertyName("agents")] public required IReadOnlyList<string> Agents { get; init; }

    /// <summary>The server tested (never with a token).</summary>
    [JsonPropertyName("plexUrl")] public required string PlexUrl { get; init; }

    /// <summary>The baseline window the items were chosen from (local time, as logged).</summary>
    [JsonPropertyName("baselineWindow")] public required AggregationWindow BaselineWindow { get; init; }

    /// <summary>The test window: from just before the first refresh to after the last completion (local time).</summary>
    [JsonPropertyName("testWindow")] public required AggregationWindow TestWindow { get; init; }

    [JsonPropertyName("items")] public required IReadOnlyList<ItemVerdict> Items { get; init; }
    [JsonPropertyName("comparison")] public required ComparisonResult Comparison { get; init; }

    /// <summary>What a reader needs to interpret the figures (websocket refused, unknown ratingKeys …).</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace PlexImprove.Core.Metrics;

/// <summary>The requested window (since inclusive, until exclusive) and the records actually seen in it.</summary>
public sealed class AggregationWindow
{
    [JsonPropertyName("since")] public DateTime? Since { get; init; }
    [JsonPropertyName("until")] public DateTime? Until { get; init; }
    [JsonPropertyName("firstRecord")] public DateTime? FirstRecord { get; init; }
    [JsonPropertyName("lastRecord")] public DateTime? LastRecord { get; init; }

    /// <summary>Agents measured over their own window instead of <see cref="Since"/> (absent when none).</summary>
    [JsonPropertyName("agents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, AgentWindow>? Agents { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>One error signature before and after (per 100 sessions, as <see cref="CounterDelta"/>).</summary>
public sealed class SignatureDelta
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("counts")] public required CounterDelta Counts { get; init; }

    /// <summary>The signature was never seen in the baseline: a new error.</summary>
    [JsonPropertyName("isNew")] public bool IsNew { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>The decision and the sentence that explains it.</summary>
public sealed class TestDecision
{
    [JsonPropertyName("decision")] public required KeepDecision Decision { get; init; }

    /// <summary>The Wilson interval is wider than the configured limit: the sample is too small to tell.</summary>
    [JsonPropertyName("tooFewItems")] public bool TooFewItems { get; init; }

    [JsonPropertyName("reason")] public required string Reason { get; init; }
}

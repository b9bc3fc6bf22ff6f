using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>One critical result and what it is about.</summary>
public sealed record CriticalResult(
    [property: JsonPropertyName("kind")] CriticalKind Kind,
    [property: JsonPropertyName("detail")] string Detail);

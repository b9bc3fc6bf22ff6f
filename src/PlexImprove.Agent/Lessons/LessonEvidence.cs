using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Lessons;

/// <summary>A measured outcome behind a lesson: where it was seen and what moved.</summary>
public sealed class LessonEvidence
{
    [JsonPropertyName("iteration")] public int? Iteration { get; init; }
    [JsonPropertyName("fixId")] public string? FixId { get; init; }

    /// <summary>The measured delta in words with its numbers, e.g. <c>http 429 per 100 sessions 0 → 37</c>.</summary>
    [JsonPropertyName("delta")] public required string Delta { get; init; }
}

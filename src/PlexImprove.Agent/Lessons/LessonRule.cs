using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Lessons;

/// <summary>One scored DO/DON'T rule. The text is general: no file names or line numbers.</summary>
public sealed class LessonRule
{
    /// <summary>Stable id, e.g. <c>diagnose-pace-unblocked-sites</c>; referenced by <c>lessonsApplied</c>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("phase")] public required LessonPhase Phase { get; init; }
    [JsonPropertyName("polarity")] public required LessonPolarity Polarity { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("score")] public int Score { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string> Tags { get; init; } = [];
    [JsonPropertyName("evidence")] public IReadOnlyList<LessonEvidence> Evidence { get; init; } = [];
}

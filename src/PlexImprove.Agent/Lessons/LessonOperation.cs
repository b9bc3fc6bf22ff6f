using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Lessons;

/// <summary>One change to the lesson book proposed after a post-mortem; only measured outcomes justify one.</summary>
public sealed class LessonOperation
{
    [JsonPropertyName("op")] public required LessonOperationKind Kind { get; init; }

    /// <summary>The rule confirmed, edited or contradicted; for ADD, the new rule's id (derived from the text when null).</summary>
    [JsonPropertyName("ruleId")] public string? RuleId { get; init; }

    /// <summary>For ADD.</summary>
    [JsonPropertyName("phase")] public LessonPhase? Phase { get; init; }

    /// <summary>For ADD.</summary>
    [JsonPropertyName("polarity")] public LessonPolarity? Polarity { get; init; }

    /// <summary>The rule text, for ADD and EDIT.</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The measured outcome that justifies the operation (required).</summary>
    [JsonPropertyName("evidence")] public required LessonEvidence Evidence { get; init; }
}

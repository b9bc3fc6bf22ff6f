using System.Text.Json.Serialization;
using PlexImprove.Agent.Lessons;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>Phase 5's answer: the lesson operations the measured outcomes justify.</summary>
public sealed class ReflectionAnswer
{
    [JsonPropertyName("operations")] public required IReadOnlyList<LessonOperation> Operations { get; init; }
}

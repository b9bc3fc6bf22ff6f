using PlexImprove.Agent.Lessons;

namespace PlexImprove.Agent.Reflection;

/// <summary>What Phase 5 reflects on: the measured outcome of each intervention of one iteration, and the lessons in force.</summary>
public sealed class ReflectionRequest
{
    public required int Iteration { get; init; }
    public required IReadOnlyList<InterventionOutcome> Outcomes { get; init; }
    public required LessonBook Lessons { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Lessons;

/// <summary>The phase a lesson belongs to; its prompt shows the phase's top rules.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LessonPhase>))]
public enum LessonPhase
{
    [JsonStringEnumMemberName("aggregate")] Aggregate,
    [JsonStringEnumMemberName("diagnose")] Diagnose,
    [JsonStringEnumMemberName("implement")] Implement,
    [JsonStringEnumMemberName("test")] Test,
    [JsonStringEnumMemberName("postmortem")] PostMortem,
    [JsonStringEnumMemberName("coordinate")] Coordinate,
}

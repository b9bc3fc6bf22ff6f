using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Lessons;

[JsonConverter(typeof(JsonStringEnumConverter<LessonPolarity>))]
public enum LessonPolarity
{
    [JsonStringEnumMemberName("DO")] Do,
    [JsonStringEnumMemberName("DONT")] Dont,
}

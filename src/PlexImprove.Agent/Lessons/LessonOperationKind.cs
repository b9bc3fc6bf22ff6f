using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Lessons;

/// <summary>ExpeL-style operations on the rule list: ADD (score 2), CONFIRM (+1), EDIT (new text, +1), CONTRADICT (−1; −3 when the phase's list is full).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LessonOperationKind>))]
public enum LessonOperationKind
{
    [JsonStringEnumMemberName("ADD")] Add,
    [JsonStringEnumMemberName("CONFIRM")] Confirm,
    [JsonStringEnumMemberName("EDIT")] Edit,
    [JsonStringEnumMemberName("CONTRADICT")] Contradict,
}

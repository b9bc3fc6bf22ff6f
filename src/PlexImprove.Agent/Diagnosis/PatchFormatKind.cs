using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

[JsonConverter(typeof(JsonStringEnumConverter<PatchFormatKind>))]
public enum PatchFormatKind
{
    [JsonStringEnumMemberName("unified-diff")] UnifiedDiff,
    [JsonStringEnumMemberName("edits")] Edits,
}

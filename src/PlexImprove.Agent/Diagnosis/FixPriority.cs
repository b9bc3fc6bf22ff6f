using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

[JsonConverter(typeof(JsonStringEnumConverter<FixPriority>))]
public enum FixPriority
{
    [JsonStringEnumMemberName("HIGH")] High,
    [JsonStringEnumMemberName("MEDIUM")] Medium,
    [JsonStringEnumMemberName("LOW")] Low,
}

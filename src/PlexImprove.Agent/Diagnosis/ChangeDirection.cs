using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

[JsonConverter(typeof(JsonStringEnumConverter<ChangeDirection>))]
public enum ChangeDirection
{
    [JsonStringEnumMemberName("decrease")] Decrease,
    [JsonStringEnumMemberName("increase")] Increase,
}

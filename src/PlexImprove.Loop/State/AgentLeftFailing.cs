using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>An agent still failing when the run ended, with its last measured sessions and why the run left it.</summary>
public sealed class AgentLeftFailing
{
    [JsonPropertyName("agent")] public required string Agent { get; init; }
    [JsonPropertyName("succeeded")] public long Succeeded { get; init; }
    [JsonPropertyName("started")] public long Started { get; init; }
    [JsonPropertyName("why")] public required string Why { get; init; }

    public override string ToString() => $"{Agent} ({Succeeded}/{Started} succeeded): {Why}";
}

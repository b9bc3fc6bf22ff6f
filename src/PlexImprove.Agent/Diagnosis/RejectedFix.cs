using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>A fix the brain was offered but did not propose (invalid, refused by a rail, or matching no failing item), and why.</summary>
public sealed class RejectedFix
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
}

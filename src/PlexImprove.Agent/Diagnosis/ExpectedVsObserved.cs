using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>What the agent should have done, what it did, and where the two part.</summary>
public sealed class ExpectedVsObserved
{
    [JsonPropertyName("expected")] public required string Expected { get; init; }
    [JsonPropertyName("observed")] public required string Observed { get; init; }
    [JsonPropertyName("divergencePoint")] public required string DivergencePoint { get; init; }
}

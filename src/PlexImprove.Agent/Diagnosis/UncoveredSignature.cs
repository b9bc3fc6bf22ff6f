using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>A signature the diagnosis has no fix for, and why.</summary>
public sealed class UncoveredSignature
{
    [JsonPropertyName("signatureId")] public required string SignatureId { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("reason")] public required string Reason { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// An agent whose failures no change to its code can cure from here (a browser-verification challenge, a login wall,
/// a site that no longer exists), with the evidence that shows it. The loop declares it unfixable and stops pursuing it.
/// </summary>
public sealed class OutOfReachAgent
{
    [JsonPropertyName("agent")] public required string Agent { get; init; }

    /// <summary>Why no offline fix can work, in words a Plex admin understands, with the next step to take.</summary>
    [JsonPropertyName("reason")] public required string Reason { get; init; }

    /// <summary>The log records and pages that show it.</summary>
    [JsonPropertyName("evidence")] public IReadOnlyList<FixEvidence> Evidence { get; init; } = [];
}

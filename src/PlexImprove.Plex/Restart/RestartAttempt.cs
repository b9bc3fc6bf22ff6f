using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Restart;

/// <summary>One restart method tried, and what happened.</summary>
public sealed record RestartAttempt(
    [property: JsonPropertyName("method")] RestartMethod Method,
    [property: JsonPropertyName("succeeded")] bool Succeeded,
    [property: JsonPropertyName("detail")] string Detail);

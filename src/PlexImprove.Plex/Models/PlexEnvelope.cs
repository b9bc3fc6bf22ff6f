using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>The top-level JSON object: <c>{"MediaContainer": {…}}</c>.</summary>
public sealed class PlexEnvelope
{
    [JsonPropertyName("MediaContainer")] public PlexMediaContainer? MediaContainer { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>A media file of an item.</summary>
public sealed class PlexPart
{
    [JsonPropertyName("file")] public string? File { get; init; }
}

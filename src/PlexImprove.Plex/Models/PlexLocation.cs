using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>A folder of a library section.</summary>
public sealed class PlexLocation
{
    [JsonPropertyName("path")] public string? Path { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>A media version of an item (its files are in <see cref="Parts"/>).</summary>
public sealed class PlexMedia
{
    [JsonPropertyName("Part")] public IReadOnlyList<PlexPart> Parts { get; init; } = [];
}

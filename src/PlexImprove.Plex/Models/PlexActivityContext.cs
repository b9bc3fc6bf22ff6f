using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>What an activity works on (<c>key</c> = <c>/library/metadata/&lt;rk&gt;</c> for an item refresh).</summary>
public sealed class PlexActivityContext
{
    [JsonPropertyName("key")] public string? Key { get; init; }
}

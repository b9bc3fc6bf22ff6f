using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>An external id of an item (<c>Guid[].id</c> of newer servers).</summary>
public sealed class PlexGuid
{
    [JsonPropertyName("id")] public string? Id { get; init; }
}

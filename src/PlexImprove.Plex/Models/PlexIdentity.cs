using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary><c>GET /identity</c>: which server answers (no token needed).</summary>
public sealed class PlexIdentity
{
    [JsonPropertyName("machineIdentifier")] public string? MachineIdentifier { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }

    [JsonPropertyName("claimed")]
    [JsonConverter(typeof(PlexBooleanConverter))]
    public bool Claimed { get; init; }
}

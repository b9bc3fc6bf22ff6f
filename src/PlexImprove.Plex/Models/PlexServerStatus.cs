using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>The server's identity and version, and each library section with its agent and item count.</summary>
public sealed class PlexServerStatus
{
    /// <summary>The server address (never with a token).</summary>
    [JsonPropertyName("url")] public required string Url { get; init; }

    [JsonPropertyName("machineIdentifier")] public string? MachineIdentifier { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("sections")] public required IReadOnlyList<PlexSectionStatus> Sections { get; init; }
}

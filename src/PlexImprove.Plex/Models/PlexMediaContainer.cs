using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>The <c>MediaContainer</c> every JSON answer wraps its content in.</summary>
public sealed class PlexMediaContainer
{
    [JsonPropertyName("size")] public int? Size { get; init; }
    [JsonPropertyName("totalSize")] public int? TotalSize { get; init; }
    [JsonPropertyName("offset")] public int? Offset { get; init; }
    [JsonPropertyName("machineIdentifier")] public string? MachineIdentifier { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }

    [JsonPropertyName("claimed")]
    [JsonConverter(typeof(PlexBooleanConverter))]
    public bool Claimed { get; init; }

    [JsonPropertyName("librarySectionID")]
    [JsonConverter(typeof(PlexStringConverter))]
    public string? LibrarySectionId { get; init; }

    [JsonPropertyName("Directory")] public IReadOnlyList<PlexSection> Directories { get; init; } = [];
    [JsonPropertyName("Metadata")] public IReadOnlyList<PlexItem> Metadata { get; init; } = [];
    [JsonPropertyName("Activity")] public IReadOnlyList<PlexActivity> Activities { get; init; } = [];
}

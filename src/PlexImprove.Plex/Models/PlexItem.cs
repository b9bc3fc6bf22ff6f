using System.Text.Json.Serialization;
using PlexImprove.Core.Providers;

namespace PlexImprove.Plex.Models;

/// <summary>A library item (<c>Metadata</c> entry). <see cref="RatingKey"/> is a string, as Plex sends it.</summary>
public sealed class PlexItem
{
    [JsonPropertyName("ratingKey")]
    [JsonConverter(typeof(PlexStringConverter))]
    public required string RatingKey { get; init; }

    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary>The primary guid; legacy agents write <c>com.plexapp.agents.&lt;agent&gt;://&lt;id&gt;?lang=en</c>.</summary>
    [JsonPropertyName("guid")] public string? Guid { get; init; }

    [JsonPropertyName("Guid")] public IReadOnlyList<PlexGuid> Guids { get; init; } = [];
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("year")] public int? Year { get; init; }
    [JsonPropertyName("summary")] public string? Summary { get; init; }

    /// <summary>Unix seconds of the last metadata change.</summary>
    [JsonPropertyName("updatedAt")] public long? UpdatedAt { get; init; }

    [JsonPropertyName("addedAt")] public long? AddedAt { get; init; }

    /// <summary>The section; Plex may send it only on the container, so the client copies it down.</summary>
    [JsonPropertyName("librarySectionID")]
    [JsonConverter(typeof(PlexStringConverter))]
    [JsonInclude]
    public string? LibrarySectionId { get; internal set; }

    [JsonPropertyName("Media")] public IReadOnlyList<PlexMedia> Media { get; init; } = [];

    /// <summary>Every guid of the item (primary first).</summary>
    [JsonIgnore]
    public IEnumerable<string> AllGuids =>
        (Guid is null ? [] : new[] { Guid }).Concat(Guids.Select(g => g.Id).OfType<string>());

    /// <summary>The folder of the item's first file, for the folder-refresh fallback; null when unknown.</summary>
    [JsonIgnore]
    public string? Folder
    {
        get
        {
            string? file = Media.SelectMany(m => m.Parts).Select(p => p.File).FirstOrDefault(f => !string.IsNullOrEmpty(f));
            if (file is null)
            {
                return null;
            }

            // Server paths may be Windows or POSIX whatever the client runs on.
            int cut = file.LastIndexOfAny(['/', '\\']);
            return cut <= 0 ? null : file[..cut];
        }
    }

    /// <summary>
    /// Whether the item carries a guid written by <paramref name="agentIdentifier"/> (case-insensitive): the legacy
    /// agent's own scheme, or that of the agent served as a Custom Metadata Provider by <c>provide</c>
    /// (<see cref="CustomProviderNames"/>).
    /// </summary>
    public bool HasGuidOf(string agentIdentifier)
    {
        ArgumentNullException.ThrowIfNull(agentIdentifier);
        return AllGuids.Any(g => g.StartsWith(agentIdentifier + "://", StringComparison.OrdinalIgnoreCase) || CustomProviderNames.IsGuidOf(g, agentIdentifier));
    }
}

using System.Text.RegularExpressions;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>A movie in the emulated library, with the metadata its last refresh stored.</summary>
public sealed partial class LibraryItem
{
    private readonly Lock _lock = new();

    public LibraryItem(string ratingKey, int sectionId, string file, long addedAt)
    {
        RatingKey = ratingKey;
        SectionId = sectionId;
        File = file;
        var stem = Path.GetFileNameWithoutExtension(file);
        var match = YearSuffix().Match(stem);
        ScannerName = match.Success ? stem[..match.Index] : stem;
        ScannerYear = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        Title = ScannerName;
        Year = ScannerYear;
        AddedAt = addedAt;
        UpdatedAt = addedAt;
        Guid = $"local://{ratingKey}";
    }

    public string RatingKey { get; }

    /// <summary>The uuid of the item's section (<c>librarySectionUUID</c>).</summary>
    public string? SectionUuid { get; init; }

    /// <summary>The item's type as Plex lists it (<c>movie</c>, <c>show</c>, <c>artist</c>, <c>album</c>, <c>photo</c>).</summary>
    public string Type { get; init; } = "movie";

    public int SectionId { get; }

    public string File { get; }

    /// <summary>The name Plex's scanner derives from the file name (year removed), passed to the agent's search.</summary>
    public string ScannerName { get; }

    public int? ScannerYear { get; }

    public string Title { get; private set; }

    public int? Year { get; private set; }

    public string? Summary { get; private set; }

    public string? Studio { get; private set; }

    public string Guid { get; private set; }

    public long AddedAt { get; }

    public long UpdatedAt { get; private set; }

    /// <summary>How the last refresh ended, or null before the first one.</summary>
    public RefreshOutcome? LastRefresh { get; private set; }

    public void Store(Plugins.PluginMetadata metadata, long now)
    {
        lock (_lock)
        {
            Title = string.IsNullOrWhiteSpace(metadata.Title) ? Title : metadata.Title;
            Year = metadata.Year ?? Year;
            Summary = metadata.Summary ?? Summary;
            Studio = metadata.Studio ?? Studio;
            Guid = metadata.Guid;
            UpdatedAt = now;
        }
    }

    /// <summary>A contributing agent's metadata: it fills only the fields the primary agent left empty.</summary>
    public void Contribute(Plugins.PluginMetadata metadata)
    {
        lock (_lock)
        {
            Year ??= metadata.Year;
            Summary ??= metadata.Summary;
            Studio ??= metadata.Studio;
        }
    }

    /// <summary>Whether a refresh without <c>force</c> refreshes the item, as a Plex library scan does: it was never
    /// refreshed, or its last refresh left it unmatched or failed.</summary>
    public bool NeedsRefresh
    {
        get
        {
            lock (_lock)
            {
                return LastRefresh is not RefreshOutcome.Updated;
            }
        }
    }

    public void Record(RefreshOutcome outcome)
    {
        lock (_lock)
        {
            LastRefresh = outcome;
        }
    }

    public PlexNode ToNode(bool includeMedia = true)
    {
        lock (_lock)
        {
            var node = new PlexNode("Video", "Metadata")
                .Set("ratingKey", RatingKey)
                .Set("key", $"/library/metadata/{RatingKey}")
                .Set("guid", Guid)
                .Set("type", Type)
                .Set("title", Title)
                .Set("librarySectionID", SectionId)
                .Set("librarySectionKey", $"/library/sections/{SectionId}")
                .Set("librarySectionUUID", SectionUuid)
                .Set("studio", Studio)
                .Set("summary", Summary ?? "")
                .Set("year", Year)
                .Set("addedAt", AddedAt)
                .Set("updatedAt", UpdatedAt);
            if (includeMedia)
            {
                node.Add(new PlexNode("Media").Set("id", int.Parse(RatingKey, System.Globalization.CultureInfo.InvariantCulture))
                    .Add(new PlexNode("Part").Set("id", int.Parse(RatingKey, System.Globalization.CultureInfo.InvariantCulture))
                        .Set("key", $"/library/parts/{RatingKey}/{AddedAt}/file{Path.GetExtension(File)}").Set("file", File)));
            }

            return node;
        }
    }

    /// <summary>
    /// <c>/library/metadata/{rk}/tree</c> as Plex serves it (agents read it, the Framework builds update's media from it):
    /// nested <c>MetadataItem</c>s down to the item holding the file (show → season → episode, artist → album → track,
    /// album → track), then its <c>MediaItem</c> and <c>MediaPart</c>.
    /// </summary>
    public PlexNode ToTreeNode()
    {
        lock (_lock)
        {
            var levels = Type switch
            {
                "show" => new[] { (Title, 2), ("Season", 3), (Path.GetFileNameWithoutExtension(File), 4) },
                "artist" => [(Title, 8), (Path.GetFileName(Path.GetDirectoryName(File)) ?? Title, 9), (Path.GetFileNameWithoutExtension(File), 10)],
                "album" => [(Title, 9), (Path.GetFileNameWithoutExtension(File), 10)],
                "photo" => [(Title, 13)],
                _ => [(Title, 1)],
            };
            var id = int.Parse(RatingKey, System.Globalization.CultureInfo.InvariantCulture);
            var leaf = new PlexNode("MetadataItem").Set("id", id).Set("title", levels[^1].Item1).Set("metadataType", levels[^1].Item2).Set("guid", Guid)
                .Add(new PlexNode("MediaItem").Set("id", id).Add(new PlexNode("MediaPart").Set("id", id).Set("file", File)));
            foreach (var (title, type) in levels[..^1].Reverse())
            {
                leaf = new PlexNode("MetadataItem").Set("id", id).Set("title", title).Set("metadataType", type).Add(leaf);
            }

            return leaf;
        }
    }

    [GeneratedRegex(@"\s*\((\d{4})\)\s*$")]
    private static partial Regex YearSuffix();
}

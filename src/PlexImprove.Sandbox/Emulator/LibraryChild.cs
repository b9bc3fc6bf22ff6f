using System.Globalization;
using System.Text.RegularExpressions;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// A level below a library item, as Plex's scanner makes it from the item's file: a show's season and its episode, an
/// artist's album and its track, an album's track. It has its own ratingKey so that
/// <c>/library/metadata/{rk}/children</c> can be walked down as on Plex.
/// </summary>
public sealed partial class LibraryChild
{
    private LibraryChild(string ratingKey, string type, string title, int index, LibraryItem top, LibraryChild? parent)
    {
        RatingKey = ratingKey;
        Type = type;
        Title = title;
        Index = index;
        Top = top;
        Parent = parent;
    }

    public string RatingKey { get; }

    /// <summary><c>season</c>, <c>episode</c>, <c>album</c> or <c>track</c>.</summary>
    public string Type { get; }

    public string Title { get; }

    /// <summary>The season, episode or track number.</summary>
    public int Index { get; }

    /// <summary>The section's item (show, artist or album) this level belongs to.</summary>
    public LibraryItem Top { get; }

    /// <summary>The level above, or null when the level above is <see cref="Top"/>.</summary>
    public LibraryChild? Parent { get; }

    public List<LibraryChild> Children { get; } = [];

    /// <summary>
    /// The levels below <paramref name="item"/> (none for a movie or a photo), numbered from <paramref name="nextKey"/>:
    /// a show gets a season (number from <c>SnnEnn</c> or a <c>Season NN</c> folder, else 1) holding the episode, an
    /// artist an album (the file's folder) holding the track, an album the track (number from a leading <c>NN</c>).
    /// </summary>
    public static IReadOnlyList<LibraryChild> Below(LibraryItem item, Func<string> nextKey)
    {
        var stem = Path.GetFileNameWithoutExtension(item.File);
        switch (item.Type)
        {
            case "show":
            {
                var episode = EpisodeNumber().Match(stem);
                var folder = SeasonFolder().Match(Path.GetFileName(Path.GetDirectoryName(item.File)) ?? "");
                var seasonIndex = episode.Success ? Number(episode.Groups[1].Value) : folder.Success ? Number(folder.Groups[1].Value) : 1;
                var season = new LibraryChild(nextKey(), "season", $"Season {seasonIndex}", seasonIndex, item, null);
                season.Children.Add(new LibraryChild(nextKey(), "episode", stem, episode.Success ? Number(episode.Groups[2].Value) : 1, item, season));
                return [season];
            }

            case "artist":
            {
                var album = new LibraryChild(nextKey(), "album", Path.GetFileName(Path.GetDirectoryName(item.File)) ?? item.Title, 1, item, null);
                album.Children.Add(Track(item, album, stem, nextKey));
                return [album];
            }

            case "album":
                return [Track(item, null, stem, nextKey)];
            default:
                return [];
        }
    }

    private static LibraryChild Track(LibraryItem item, LibraryChild? album, string stem, Func<string> nextKey)
    {
        var number = LeadingNumber().Match(stem);
        return new LibraryChild(nextKey(), "track", stem, number.Success ? Number(number.Groups[1].Value) : 1, item, album);
    }

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    /// <summary>The level as Plex lists it among its parent's children.</summary>
    public PlexNode ToNode()
    {
        var parentKey = Parent?.RatingKey ?? Top.RatingKey;
        var parentTitle = Parent?.Title ?? Top.Title;
        var node = new PlexNode(Type switch { "episode" => "Video", "track" => "Track", _ => "Directory" }, "Metadata")
            .Set("ratingKey", RatingKey)
            .Set("key", Children.Count > 0 ? $"/library/metadata/{RatingKey}/children" : $"/library/metadata/{RatingKey}")
            .Set("parentRatingKey", parentKey)
            .Set("parentKey", $"/library/metadata/{parentKey}")
            .Set("type", Type)
            .Set("title", Title)
            .Set("parentTitle", parentTitle)
            .Set("index", Index)
            .Set("librarySectionID", Top.SectionId);
        if (Parent is not null)
        {
            node.Set("grandparentRatingKey", Top.RatingKey)
                .Set("grandparentKey", $"/library/metadata/{Top.RatingKey}")
                .Set("grandparentTitle", Top.Title)
                .Set("parentIndex", Parent.Index);
        }

        if (Type == "season")
        {
            // The box records no play state: nothing is viewed.
            node.Set("leafCount", Children.Count).Set("viewedLeafCount", 0);
        }

        return node.Set("addedAt", Top.AddedAt).Set("updatedAt", Top.UpdatedAt);
    }

    [GeneratedRegex(@"[Ss](\d{1,3})[Ee](\d{1,4})")]
    private static partial Regex EpisodeNumber();

    [GeneratedRegex(@"^Season\s*(\d{1,3})$", RegexOptions.IgnoreCase)]
    private static partial Regex SeasonFolder();

    [GeneratedRegex(@"^(\d{1,3})\b")]
    private static partial Regex LeadingNumber();
}

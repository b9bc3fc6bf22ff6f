namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// The type of a library section as Plex names it, which decides the agent class that serves its items and the media
/// objects that class gets: <c>movie</c>, <c>show</c> (TV shows: show → seasons → episodes), <c>artist</c> (music:
/// artist → albums → tracks; albums are served by the bundle's <c>Agent.Album</c> class) and <c>photo</c>.
/// </summary>
public static class SectionType
{
    public const string Movie = "movie";
    public const string Show = "show";
    public const string Artist = "artist";
    public const string Album = "album";
    public const string Photo = "photo";

    /// <summary>The types a scenario section may declare.</summary>
    public static readonly IReadOnlyList<string> All = [Movie, Show, Artist, Album, Photo];

    /// <summary>The scanner Plex pairs with a section type.</summary>
    public static string ScannerOf(string type) => type switch
    {
        Show => "Plex Series Scanner",
        Artist or Album => "Plex Music Scanner",
        Photo => "Plex Photo Scanner",
        _ => "Plex Movie Scanner",
    };

    /// <summary>The type of the items a section of this type lists.</summary>
    public static string ItemTypeOf(string type) => type switch
    {
        Show => "show",
        Artist => "artist",
        Album => "album",
        Photo => "photo",
        _ => "movie",
    };

    /// <summary>The type Plex gives the section itself (music sections are <c>artist</c> sections).</summary>
    public static string NodeTypeOf(string type) => type == Album ? Artist : type;

    /// <summary>The section type for the Framework media type an agent class declares (<c>TV_Show</c> → <c>show</c>).</summary>
    public static string FromFrameworkType(string mediaType) => mediaType switch
    {
        "TV_Show" => Show,
        "Artist" => Artist,
        "Album" => Album,
        "Photo" => Photo,
        _ => Movie,
    };

    /// <summary>The Framework media type whose agent class serves a section of this type (<c>show</c> → <c>TV_Show</c>).</summary>
    public static string FrameworkTypeOf(string type) => type switch
    {
        Show => "TV_Show",
        Artist => "Artist",
        Album => "Album",
        Photo => "Photo",
        _ => "Movie",
    };
}

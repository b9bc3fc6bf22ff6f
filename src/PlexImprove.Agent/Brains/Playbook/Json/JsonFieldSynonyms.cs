namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>
/// Names metadata APIs give the same field (TMDB's <c>overview</c>, Kitsu's <c>synopsis</c> and <c>canonicalTitle</c>,
/// MusicBrainz's <c>date</c> …), so a renamed key is matched on meaning before spelling. Compared in lower case without
/// <c>_</c> and <c>-</c>.
/// </summary>
public static class JsonFieldSynonyms
{
    private static readonly string[][] Groups =
    [
        ["summary", "synopsis", "description", "overview", "plot", "bio", "biography", "review", "about", "storyline"],
        ["title", "name", "canonicaltitle", "titleen", "titleenglish", "englishtitle", "displayname", "originaltitle"],
        ["year", "startyear", "releaseyear", "released", "releasedate", "firstaired", "airdate", "startdate", "date", "premiered"],
        ["studio", "studios", "network", "label", "publisher", "producer", "company"],
        ["poster", "image", "cover", "coverimage", "posterimage", "thumb", "thumbnail", "artwork", "picture"],
        ["rating", "score", "averagerating", "voteaverage", "contentrating"],
        ["genres", "genre", "tags", "categories", "styles"],
        ["id", "uid", "identifier", "key", "slug"],
    ];

    /// <summary>True when both names are spellings of the same field.</summary>
    public static bool Same(string a, string b)
    {
        var x = Normalise(a);
        var y = Normalise(b);
        return x == y || Groups.Any(g => g.Contains(x, StringComparer.Ordinal) && g.Contains(y, StringComparer.Ordinal));
    }

    private static string Normalise(string name) => name.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

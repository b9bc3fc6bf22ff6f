using System.Text;

namespace PlexImprove.Sandbox.Sites;

/// <summary>
/// How fake sites match a search: every word of the query appears among the entry's title words, both
/// compared in lower case with apostrophes (straight and curly) removed and other punctuation as spaces.
/// </summary>
public static class CatalogSearch
{
    public static bool Matches(string query, string title)
    {
        var wanted = Words(query);
        if (wanted.Count == 0)
        {
            return false;
        }

        var have = Words(title);
        return wanted.All(have.Contains);
    }

    private static HashSet<string> Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '\'' or '\u2019')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return [.. builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}

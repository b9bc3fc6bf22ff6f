using System.Net;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>Reads the searched text from a search URL's query string (<c>q=</c>, <c>query=</c> … or the longest value).</summary>
public static class SearchQuery
{
    private static readonly string[] Names = ["q", "query", "search", "searchterm", "term", "keyword", "keywords", "title", "s", "k", "name"];

    public static string? Term(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Query.Length < 2)
        {
            return null;
        }

        var pairs = uri.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .Select(p => (Name: p[0].ToLowerInvariant(), Value: WebUtility.UrlDecode(p[1]).Trim()))
            .Where(p => p.Value.Length > 0)
            .ToList();
        var named = pairs.FirstOrDefault(p => Names.Contains(p.Name, StringComparer.Ordinal));
        return named.Value ?? pairs.OrderByDescending(p => p.Value.Length).Select(p => p.Value).FirstOrDefault();
    }
}

using System.Text.RegularExpressions;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Sites;

/// <summary>One fake metadata site: its routes, catalogue, behaviours and counters.</summary>
public sealed class FakeSite
{
    private readonly IReadOnlyList<(RouteSpec Route, Regex Pattern)> _routes;
    private long _requests;

    public FakeSite(SiteSpec spec, IReadOnlyList<CatalogEntry> catalog, string scenarioRoot, TimeProvider time)
    {
        Spec = spec;
        Catalog = catalog;
        ScenarioRoot = scenarioRoot;
        _routes = [.. spec.Routes!.Select(r => (r, PathPattern(r.Path!)))];
        if (spec.Behaviours.RateLimit is { } limit)
        {
            RateLimit = new RateWindow(limit.Requests, TimeSpan.FromSeconds(limit.PerSeconds), time);
        }
    }

    public SiteSpec Spec { get; }

    public IReadOnlyList<CatalogEntry> Catalog { get; }

    public string ScenarioRoot { get; }

    public RateWindow? RateLimit { get; }

    /// <summary>Requests this site received (all answers counted).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Counts a request and returns its 1-based number.</summary>
    public long CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>The route matching a path, with the <c>{id}</c> it captured.</summary>
    public (RouteSpec Route, string? Id)? Match(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach (var (route, pattern) in _routes)
        {
            var match = pattern.Match(trimmed);
            if (match.Success)
            {
                return (route, match.Groups["id"].Success ? Uri.UnescapeDataString(match.Groups["id"].Value) : null);
            }
        }

        return null;
    }

    private static Regex PathPattern(string template)
    {
        var trimmed = template.Length > 1 ? template.TrimEnd('/') : template;
        var escaped = Regex.Escape(trimmed).Replace(@"\{id}", "(?<id>[^/]+?)", StringComparison.Ordinal);
        return new Regex("^" + escaped + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

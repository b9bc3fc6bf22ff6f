namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A fake metadata site: the host names agents use, its catalogue, routes and behaviours.</summary>
public sealed class SiteSpec
{
    public string? Name { get; init; }

    /// <summary>Host names as written in agent code (e.g. <c>www.gayeroticvideoindex.example</c>).</summary>
    public List<string>? Hosts { get; init; }

    /// <summary>JSON file (relative to the scenario) with the site's entries: id, title, year, studio, summary, optional layout.</summary>
    public string? Catalog { get; init; }

    public List<RouteSpec>? Routes { get; init; }

    public SiteBehaviours Behaviours { get; init; } = new();
}

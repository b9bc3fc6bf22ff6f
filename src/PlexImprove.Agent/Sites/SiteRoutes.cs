namespace PlexImprove.Agent.Sites;

/// <summary>
/// Where the agents' sites are reached from this program: on the real network through the site allowlist, or, for a
/// Plex in a box on its fake network, at the loopback URL of the box's site serving each host (any other host is
/// refused, so nothing reaches the internet).
/// </summary>
public sealed class SiteRoutes
{
    private SiteRoutes(IReadOnlyDictionary<string, Uri> boxSites, bool contained, string description)
    {
        BoxSites = boxSites;
        Contained = contained;
        Description = description;
    }

    /// <summary>Host name → loopback base URL of the box's site serving it; empty on the real network.</summary>
    public IReadOnlyDictionary<string, Uri> BoxSites { get; }

    /// <summary>True for a box on its fake network: only <see cref="BoxSites"/> are reachable.</summary>
    public bool Contained { get; }

    /// <summary>One line for the console: which sites pages come from.</summary>
    public string Description { get; }

    /// <summary>The real network (a real Plex, or a box whose agents use the real network).</summary>
    public static SiteRoutes RealNetwork(string why) => new(new Dictionary<string, Uri>(), contained: false, why);

    /// <summary>A box on its fake network: each host to the loopback URL serving it, nothing else.</summary>
    public static SiteRoutes Box(IReadOnlyDictionary<string, Uri> sites, string boxUrl)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var map = new Dictionary<string, Uri>(sites, StringComparer.OrdinalIgnoreCase);
        return new SiteRoutes(map, contained: true, $"pages from the {map.Count} fake site(s) of the box at {boxUrl}");
    }
}

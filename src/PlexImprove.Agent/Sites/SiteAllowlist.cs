namespace PlexImprove.Agent.Sites;

/// <summary>
/// The sites pages may be fetched from on the real network: the hosts the agents' code names (see <see cref="SiteScope"/>)
/// plus the configured <c>Agent:SiteHosts</c>. The code is read again once on a miss: a fix may have added a site
/// since the last look. Thread-safe: the scope is replaced whole.
/// </summary>
public sealed class SiteAllowlist
{
    private readonly string _pluginsDir;
    private readonly IReadOnlyList<string> _extraHosts;
    private SiteScope? _scope;

    /// <param name="pluginsDir">The Plug-ins folder whose agents' code names the sites.</param>
    /// <param name="extraHosts">Hosts the user allows as well (host, host:port or URL).</param>
    public SiteAllowlist(string pluginsDir, IEnumerable<string> extraHosts)
    {
        ArgumentNullException.ThrowIfNull(pluginsDir);
        ArgumentNullException.ThrowIfNull(extraHosts);
        _pluginsDir = pluginsDir;
        _extraHosts = [.. extraHosts];
    }

    public string PluginsDir => _pluginsDir;

    /// <summary>The host names of the configured <c>Agent:SiteHosts</c> (from host, host:port or URL entries).</summary>
    public IReadOnlyCollection<string> ConfiguredHosts =>
        [.. _extraHosts.Select(HostNameOf).Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The hosts allowed at the last look.</summary>
    public IReadOnlyCollection<string> Hosts => Scope().Hosts;

    /// <summary>Whether <paramref name="url"/> is on an allowed host, reading the code again once on a miss.</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Scope().Allows(url))
        {
            return true;
        }

        var rescanned = SiteScope.Scan(_pluginsDir, _extraHosts);
        _scope = rescanned;
        return rescanned.Allows(url);
    }

    /// <summary>Why <paramref name="url"/> is refused, naming the allowed hosts and how to add one.</summary>
    public string Refusal(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var known = Hosts.Order(StringComparer.Ordinal).ToList();
        var named = known.Count == 0
            ? "no agent's code there names an http(s) site"
            : "their code names " + string.Join(", ", known.Take(12)) + (known.Count > 12 ? $" and {known.Count - 12} more" : "");
        return $"'{url.Host}' is not a site the agents under '{_pluginsDir}' use ({named}). Pages are fetched only from those sites; " +
               "add the host to Agent:SiteHosts to allow it.";
    }

    private static string HostNameOf(string entry)
    {
        var text = entry.Trim();
        if (Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var url))
        {
            return url.IdnHost.Trim('[', ']');
        }

        return text;
    }

    private SiteScope Scope() => _scope ??= SiteScope.Scan(_pluginsDir, _extraHosts);
}

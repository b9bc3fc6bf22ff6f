using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Sites;

/// <summary>
/// The sites the agents under a Plug-ins folder use: every host named in an http(s) URL in their Python code, plus
/// hosts the user adds. The site tools fetch only these, so a model (or an MCP client) cannot make this machine GET
/// arbitrary addresses: the Plex server, a cloud metadata endpoint, the local network.
/// </summary>
public sealed partial class SiteScope
{
    private const long MaxFileBytes = 8 * 1024 * 1024;
    private const int MaxFiles = 5000;

    private readonly HashSet<string> _hosts;

    private SiteScope(HashSet<string> hosts) => _hosts = hosts;

    /// <summary>The allowed hosts, without a leading <c>www.</c> (their subdomains are allowed too).</summary>
    public IReadOnlyCollection<string> Hosts => _hosts;

    /// <summary>
    /// Reads the hosts of the URLs in every <c>.py</c> file of every bundle's <c>Contents</c>. Loopback, private and
    /// link-local addresses named in code are left out (an agent that calls its own Plex server needs no page
    /// fetched for it); <paramref name="extraHosts"/> are taken as given.
    /// </summary>
    public static SiteScope Scan(string pluginsDir, IEnumerable<string> extraHosts)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var host in extraHosts)
        {
            if (Normalize(HostOf(host)) is { Length: > 0 } normalized)
            {
                hosts.Add(normalized);
            }
        }

        foreach (var file in CodeFiles(pluginsDir))
        {
            string text;
            try
            {
                text = File.ReadAllText(file, Encoding.Latin1);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (Match match in UrlHost().Matches(text))
            {
                if (Normalize(match.Groups["host"].Value) is { Length: > 0 } host && IsPublic(host))
                {
                    hosts.Add(host);
                }
            }
        }

        return new SiteScope(hosts);
    }

    /// <summary>Every host named in an http(s) URL in <paramref name="text"/>, normalized as the scope keeps them (private ones too).</summary>
    public static IReadOnlySet<string> HostsIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in UrlHost().Matches(text))
        {
            if (Normalize(match.Groups["host"].Value) is { Length: > 0 } host)
            {
                hosts.Add(host);
            }
        }

        return hosts;
    }

    /// <summary>Whether <paramref name="url"/> is on an allowed host or one of its subdomains.</summary>
    public bool Allows(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = Normalize(url.Host);
        if (host.Length == 0)
        {
            return false;
        }

        foreach (var allowed in _hosts)
        {
            if (host == allowed || host.EndsWith("." + allowed, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> CodeFiles(string pluginsDir)
    {
        if (!Directory.Exists(pluginsDir))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(pluginsDir, "*.py", options)
            .Where(f => f.Replace('\\', '/').Contains(".bundle/Contents/", StringComparison.OrdinalIgnoreCase))
            .Where(f => new FileInfo(f).Length <= MaxFileBytes)
            .Take(MaxFiles);
    }

    /// <summary>A configured entry may be a host, <c>host:port</c> or a whole URL; only its host counts.</summary>
    private static string HostOf(string entry)
    {
        var text = entry.Trim();
        if (Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var url))
        {
            return url.Host;
        }

        return text;
    }

    private static string Normalize(string host)
    {
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        return h.StartsWith("www.", StringComparison.Ordinal) ? h[4..] : h;
    }

    /// <summary>
    /// Whether a host named in agent code counts as a site. Only DNS names under a real top-level domain do: an IP
    /// literal in any spelling (IPv4-mapped, NAT64, shared 100.64/10 …) never does, nor does a name that carries an
    /// address (<c>127.0.0.1.nip.io</c>, <c>10-0-0-1.sslip.io</c>) or a wildcard-DNS service that answers any address.
    /// An address a site really needs goes into <c>Agent:SiteHosts</c>, where a person decided it.
    /// </summary>
    private static bool IsPublic(string host)
    {
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.EndsWith(".local", StringComparison.Ordinal))
        {
            return false;
        }

        if (IPAddress.TryParse(host, out _) || host.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        var labels = host.Split('.');
        if (labels.Length < 2 || !TopLevelDomain().IsMatch(labels[^1]) || EmbeddedAddress().IsMatch(host))
        {
            return false;
        }

        return !WildcardDnsDomains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
    }

    /// <summary>Services whose names resolve to any address written into them (rebinding helpers, local-development names).</summary>
    private static readonly string[] WildcardDnsDomains =
        ["nip.io", "sslip.io", "xip.io", "nip.direct", "traefik.me", "localtest.me", "lvh.me", "vcap.me", "lacolhost.com", "localhost.direct", "1u.ms", "rbndr.us"];

    [GeneratedRegex(@"^[a-z][a-z0-9-]*[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelDomain();

    // Four numbers joined by dots or dashes anywhere in the name (127.0.0.1.example, 10-0-0-1.example).
    [GeneratedRegex(@"(^|[.-])\d{1,3}[.-]\d{1,3}[.-]\d{1,3}[.-]\d{1,3}([.-]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EmbeddedAddress();

    [GeneratedRegex(@"https?://(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlHost();
}

namespace PlexImprove.Agent.Sites;

/// <summary>How <see cref="PageFetcher"/> talks to the agents' sites.</summary>
public sealed class PageFetcherOptions
{
    /// <summary>
    /// Host name → base URL to send its requests to instead (the sandbox's fake sites on <c>http://127.0.0.1:PORT</c>).
    /// The request keeps the original <c>Host</c> header, so a server routing by host sees the real site's name.
    /// Empty by default: requests go to the real hosts.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> HostOverrides { get; init; } = new Dictionary<string, Uri>();

    /// <summary>
    /// Only the <see cref="HostOverrides"/> hosts are fetched (a box on its fake network); any other host is refused
    /// before a request, so nothing reaches the internet. Default false.
    /// </summary>
    public bool OnlyOverriddenHosts { get; init; }

    /// <summary>The sites that may be fetched on the real network; null allows every host (tests, tools that check first).</summary>
    public SiteAllowlist? Allowlist { get; init; }

    /// <summary>Per-attempt timeout (default 20 s, the Framework's default network timeout).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries after a transient failure (connection error, timeout, 408, 429, 5xx; default 2).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>First retry delay, doubled per retry (default 1 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest <c>Retry-After</c> honoured by waiting (default 10 s). A 429 or 503 asking for a longer wait is not
    /// retried: it is returned as it is, so the caller sees the status and the header instead of a stalled call.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bytes of a body read at most (default 2 MiB); the rest is dropped and the page marked truncated.</summary>
    public int MaxBodyBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Redirects followed at most (each hop goes through the overrides and the resilience pipeline; default 5).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>
    /// Connect only to public addresses: the address a host name resolves to is checked before connecting, and
    /// loopback, private, link-local, shared, multicast and reserved addresses are refused (nothing is sent). Default
    /// false (tests and the box reach loopback); on for the real network (see <see cref="For"/>). The box's own sites
    /// (<see cref="HostOverrides"/>) and <see cref="HostsAllowedAnyAddress"/> are exempt.
    /// </summary>
    public bool RefuseNonPublicAddresses { get; init; }

    /// <summary>Host names that may resolve to any address (the configured <c>Agent:SiteHosts</c>).</summary>
    public IReadOnlyCollection<string> HostsAllowedAnyAddress { get; init; } = [];

    /// <summary>Resolves a host name to its addresses (default: the system's DNS; tests give their own).</summary>
    public Func<string, CancellationToken, Task<System.Net.IPAddress[]>>? Resolve { get; init; }

    /// <summary>Options that reach the agents' sites by <paramref name="routes"/>, through <paramref name="allowlist"/> on the real network.</summary>
    public static PageFetcherOptions For(SiteRoutes routes, SiteAllowlist allowlist)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(allowlist);
        return routes.Contained
            ? new PageFetcherOptions { HostOverrides = routes.BoxSites, OnlyOverriddenHosts = true }
            : new PageFetcherOptions { Allowlist = allowlist, RefuseNonPublicAddresses = true, HostsAllowedAnyAddress = allowlist.ConfiguredHosts };
    }
}

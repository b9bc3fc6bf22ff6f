namespace PlexImprove.Sandbox.Scenarios;

/// <summary>How a fake site misbehaves. Every behaviour is off by default.</summary>
public sealed class SiteBehaviours
{
    /// <summary>Answer 403 unless the request carries a browser-like <c>User-Agent</c> (<c>Mozilla/…</c>) and an <c>Accept-Language</c>.</summary>
    public bool RequireBrowser { get; init; }

    /// <summary>Answer 429 with <c>Retry-After</c> above this request rate; null for no limit.</summary>
    public RateLimitSpec? RateLimit { get; init; }

    /// <summary>Delay every response by this many milliseconds (a slow site; beyond the agent's timeout it times out).</summary>
    public int DelayMs { get; init; }

    /// <summary>Page layout served by routes that have it (a key of <see cref="RouteSpec.Layouts"/>); on detail pages an entry's own <c>layout</c> wins.</summary>
    public string? Layout { get; init; }

    /// <summary>Answer every Nth request with 503 (0 = never).</summary>
    public int ServerErrorEvery { get; init; }

    /// <summary>The site is down: connections are refused.</summary>
    public bool Down { get; init; }

    /// <summary>Reset the connection of every Nth request instead of answering it (0 = never): the client reads "Connection reset by peer".</summary>
    public int ResetEvery { get; init; }

    /// <summary>
    /// The site sits behind a browser-verification interstitial: every request, whatever its headers, gets 403 and a
    /// Cloudflare-style "Just a moment..." page that only a real browser running its script gets past.
    /// </summary>
    public bool Challenge { get; init; }

    /// <summary>
    /// Paths the site no longer serves (an old search URL): answered 404, while a <c>page</c> route (usually <c>/</c>)
    /// shows where the search went.
    /// </summary>
    public List<string>? MovedPaths { get; init; }

    /// <summary>
    /// The charset HTML pages are sent in (e.g. <c>iso-8859-1</c>, as older sites still do), declared in the
    /// <c>Content-Type</c> header; characters it lacks are sent as numeric character references (<c>&amp;#21315;</c>).
    /// Null: UTF-8. JSON is always UTF-8.
    /// </summary>
    public string? Charset { get; init; }
}

namespace PlexImprove.Agent.Sites;

/// <summary>A page to fetch, with the headers to send (the agent's own, or browser-like ones to compare).</summary>
public sealed class PageRequest
{
    public required Uri Url { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public TimeSpan? Timeout { get; init; }

    /// <summary>Whether a redirect to this URL may be followed; null follows every redirect.</summary>
    public Func<Uri, bool>? MayFollow { get; init; }
}

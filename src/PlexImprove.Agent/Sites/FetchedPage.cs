namespace PlexImprove.Agent.Sites;

/// <summary>What a site answered: status, headers, the body as text (capped; <see cref="Truncated"/> says so), or the network error.</summary>
public sealed class FetchedPage
{
    public required Uri Url { get; init; }

    /// <summary>The HTTP status; 0 when no answer came (see <see cref="Error"/>).</summary>
    public int Status { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string Body { get; init; } = "";
    public bool Truncated { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>A timeout or connection failure, or a redirect not followed, in words; null when the site answered.</summary>
    public string? Error { get; init; }
}

namespace PlexImprove.Agent.Sites;

/// <summary>
/// The last pages fetched in one tool environment, so <c>test_xpath</c> can try many expressions on the page
/// <c>fetch_page</c> just showed without asking the site again (and tripping its rate limit).
/// </summary>
public sealed class PageCache
{
    /// <summary>Pages kept at most; the oldest goes first.</summary>
    public const int Capacity = 16;

    /// <summary>A cached page older than this is fetched again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly IPageFetcher _fetcher;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Key, Uri Url, DateTimeOffset At, FetchedPage Page)> _pages = new();

    public PageCache(IPageFetcher fetcher, TimeProvider time)
    {
        _fetcher = fetcher;
        _time = time;
    }

    /// <summary>Fetches the page (always asking the site) and remembers the answer.</summary>
    public async Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var page = await _fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            var key = Key(request.Url);
            var existing = _pages.FirstOrDefault(p => p.Key == key);
            if (existing.Key is not null)
            {
                _pages.Remove(existing);
            }

            _pages.AddFirst((key, request.Url, _time.GetUtcNow(), page));
            while (_pages.Count > Capacity)
            {
                _pages.RemoveLast();
            }
        }

        return page;
    }

    /// <summary>The page last fetched for <paramref name="url"/> (with whatever headers), unless older than <see cref="MaxAge"/>.</summary>
    public FetchedPage? Find(Uri url)
    {
        var key = Key(url);
        lock (_lock)
        {
            var hit = _pages.FirstOrDefault(p => p.Key == key);
            return hit.Key is not null && _time.GetUtcNow() - hit.At <= MaxAge ? hit.Page : null;
        }
    }

    private static string Key(Uri url) => url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
}

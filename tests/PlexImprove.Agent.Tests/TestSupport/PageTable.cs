using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>Pages a fixture site serves, by URL (the network cannot be reached from the unit tests); unknown URLs answer 404.</summary>
internal sealed class PageTable : IPageFetcher
{
    private readonly Dictionary<string, FetchedPage> _pages = new(StringComparer.Ordinal);

    public List<PageRequest> Requests { get; } = [];

    public PageTable Serve(string url, string body, int status = 200, IReadOnlyDictionary<string, string>? headers = null)
    {
        _pages[url] = new FetchedPage { Url = new Uri(url), Status = status, Body = body, Headers = headers ?? new Dictionary<string, string>() };
        return this;
    }

    public Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(_pages.TryGetValue(request.Url.ToString(), out var page) ? page : new FetchedPage { Url = request.Url, Status = 404, Body = "not found" });
    }
}

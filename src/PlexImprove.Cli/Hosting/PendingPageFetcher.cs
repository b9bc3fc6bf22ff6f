using PlexImprove.Agent.Sites;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// The page fetcher of a command whose site routes are still being asked of Plex: the tools can be built while the
/// question is in flight, and a fetch waits for the answer.
/// </summary>
internal sealed class PendingPageFetcher(Task<PageFetcher> fetcher) : IPageFetcher
{
    public async Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var ready = await fetcher.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await ready.FetchAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

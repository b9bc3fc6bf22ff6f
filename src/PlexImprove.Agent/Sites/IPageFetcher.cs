namespace PlexImprove.Agent.Sites;

/// <summary>GETs a page an agent uses (through the resilience pipeline and, in the sandbox, to its fake site).</summary>
public interface IPageFetcher
{
    /// <summary>Never throws for HTTP or network failures: they come back in <see cref="FetchedPage.Status"/> / <see cref="FetchedPage.Error"/>.</summary>
    Task<FetchedPage> FetchAsync(PageRequest request, CancellationToken cancellationToken);
}

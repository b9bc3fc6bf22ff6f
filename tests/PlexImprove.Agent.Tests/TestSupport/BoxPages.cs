using PlexImprove.Agent.Sites;
using PlexImprove.Sandbox.Hosting;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>The program's page fetcher pointed at a running box the way commands find it: by asking the box for its sites.</summary>
internal static class BoxPages
{
    public static async Task<PageFetcher> CreateAsync(SandboxHost host)
    {
        var routes = await SiteRoutesProbe.ProbeAsync(host.Connection.Url, host.Connection.Token, CancellationToken.None);
        return new PageFetcher(PageFetcherOptions.For(routes, new SiteAllowlist(host.Connection.PluginsDir, [])));
    }
}

using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Tests.Sites;

/// <summary>Wherever the program runs, pages come from the sites the agents really reach: a box's fake sites, or the real ones through the allowlist.</summary>
public sealed class SiteRoutesTests
{
    [Fact]
    public async Task AgainstABox_TheFetcherReachesItsFakeSites_AndRefusesEveryOtherHost()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        var ct = TestContext.Current.CancellationToken;

        var routes = await SiteRoutesProbe.ProbeAsync(run.Host.Connection.Url, run.Host.Connection.Token, ct);
        using var fetcher = new PageFetcher(PageFetcherOptions.For(routes, new SiteAllowlist(run.Host.Connection.PluginsDir, [])));
        var page = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://www.homoactive.example/catalogsearch/result?q=Dune") }, ct);
        var elsewhere = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://example.com/") }, ct);

        Assert.True(routes.Contained);
        Assert.Contains("www.gayempire.example", routes.BoxSites.Keys);
        Assert.Equal(200, page.Status);
        Assert.Equal(0, elsewhere.Status);
        Assert.StartsWith("No site of this box answers for example.com", elsewhere.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgainstAServerThatDoesNotAnswer_TheRealNetworkIsUsed_ThroughTheAgentsAllowlist()
    {
        using var plugins = new TempDirectory();
        var code = Directory.CreateDirectory(plugins.File("Films.bundle", "Contents", "Code")).FullName;
        File.WriteAllText(Path.Combine(code, "__init__.py"), "BASE_URL = 'https://www.films.example/search'\n");

        var routes = await SiteRoutesProbe.ProbeAsync("http://127.0.0.1:1", "secret", TestContext.Current.CancellationToken);
        using var fetcher = new PageFetcher(PageFetcherOptions.For(routes, new SiteAllowlist(plugins.Path, [])));
        var refused = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://169.254.169.254/latest/meta-data") }, TestContext.Current.CancellationToken);

        Assert.False(routes.Contained);
        Assert.Empty(routes.BoxSites);
        Assert.Contains("did not answer", routes.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", routes.Description, StringComparison.Ordinal);
        Assert.Equal(0, refused.Status);
        Assert.Contains("is not a site the agents under", refused.Error, StringComparison.Ordinal);
        Assert.Contains("films.example", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoxOnTheRealNetwork_SaysSo_AndItsSitesAreNotOverridden()
    {
        var routes = SiteRoutesProbe.Parse("""{"network":"real","sites":{"www.films.example":"http://127.0.0.1:5000"}}""", "http://127.0.0.1:32401");

        Assert.False(routes.Contained);
        Assert.Empty(routes.BoxSites);
        Assert.Contains("--network real", routes.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoxAnswer_NamingAnAddressOffLoopback_IsNotFollowed()
    {
        var routes = SiteRoutesProbe.Parse("""{"network":"fake","sites":{"www.films.example":"http://10.0.0.5:80","www.shows.example":"http://127.0.0.1:5001"}}""", "http://127.0.0.1:32401");

        Assert.True(routes.Contained);
        Assert.Equal(["www.shows.example"], routes.BoxSites.Keys);
    }
}

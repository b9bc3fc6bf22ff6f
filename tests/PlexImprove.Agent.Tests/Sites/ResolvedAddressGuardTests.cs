using System.Net;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Sites;

/// <summary>A public-looking name that resolves into this machine reaches nothing; a configured host still does.</summary>
public sealed class ResolvedAddressGuardTests : IAsyncLifetime
{
    private FakeSites _sites = null!;

    public async ValueTask InitializeAsync() => _sites = await FakeSites.StartAsync();

    public async ValueTask DisposeAsync() => await _sites.DisposeAsync();

    /// <summary>A resolver that answers 127.0.0.1 for every name, as a hostile DNS record would.</summary>
    private static Task<IPAddress[]> ResolvesToLoopback(string host, CancellationToken cancellationToken) => Task.FromResult(new[] { IPAddress.Loopback });

    private Uri SiteUrl(string host) => new($"http://{host}:{_sites.BaseUrl.Port}/search?q=Dune");

    [Fact]
    public async Task Fetch_NameResolvingToLoopback_IsRefusedBeforeAnyByteIsSent()
    {
        using var fetcher = new PageFetcher(new PageFetcherOptions { RefuseNonPublicAddresses = true, Resolve = ResolvesToLoopback, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var page = await fetcher.FetchAsync(new PageRequest { Url = SiteUrl("films.example") }, TestContext.Current.CancellationToken);

        Assert.Equal(0, page.Status);
        Assert.StartsWith("'films.example' resolves to 127.0.0.1, an address of this machine or its local network; nothing was fetched", page.Error, StringComparison.Ordinal);
        Assert.Equal(0, _sites.Hits("films.example"));
    }

    [Fact]
    public async Task Fetch_Localhost_IsRefusedThroughTheSystemResolver()
    {
        using var fetcher = new PageFetcher(new PageFetcherOptions { RefuseNonPublicAddresses = true, MaxRetries = 0 });

        var page = await fetcher.FetchAsync(new PageRequest { Url = SiteUrl("localhost") }, TestContext.Current.CancellationToken);

        Assert.Contains("'localhost' resolves to ", page.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was fetched", page.Error, StringComparison.Ordinal);
        Assert.Equal(0, _sites.Hits("localhost"));
    }

    [Fact]
    public async Task Fetch_ConfiguredHostResolvingToLoopback_IsReached()
    {
        using var fetcher = new PageFetcher(new PageFetcherOptions
        {
            RefuseNonPublicAddresses = true,
            Resolve = ResolvesToLoopback,
            HostsAllowedAnyAddress = new SiteAllowlist(Path.GetTempPath(), ["http://films.example:8080/"]).ConfiguredHosts,
        });

        var page = await fetcher.FetchAsync(new PageRequest
        {
            Url = SiteUrl("films.example"),
            Headers = new Dictionary<string, string> { ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(200, page.Status);
        Assert.Equal(1, _sites.Hits("films.example"));
    }

    [Fact]
    public void RealNetworkOptions_CheckTheResolvedAddress_BoxOptionsDoNot()
    {
        var allowlist = new SiteAllowlist(Path.GetTempPath(), ["metadata.example"]);

        var real = PageFetcherOptions.For(SiteRoutes.RealNetwork("no box"), allowlist);

        Assert.True(real.RefuseNonPublicAddresses);
        Assert.Equal(["metadata.example"], real.HostsAllowedAnyAddress);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void IsPublic_ClassifiesAddresses(string address, bool expected) =>
        Assert.Equal(expected, ResolvedAddressGuard.IsPublic(IPAddress.Parse(address)));
}

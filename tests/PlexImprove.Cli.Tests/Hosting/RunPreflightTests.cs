using PlexImprove.Agent.Sites;
using PlexImprove.Cli.Hosting;
using PlexImprove.Sandbox.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Hosting;

public sealed class RunPreflightTests
{
    [Fact]
    public void BoxFor_ABoxOnItsFakeNetwork_ReachesOnlyItsSitesByPort()
    {
        var routes = SiteRoutes.Box(new Dictionary<string, Uri> { ["www.films.example"] = new("http://127.0.0.1:5123") }, "http://127.0.0.1:32401");

        var box = RunPreflight.BoxFor(routes);

        Assert.Equal(SandboxNetwork.Fake, box.Network);
        Assert.Equal(5123, Assert.Single(box.SiteMap, s => s.Key == "www.films.example").Value);
    }

    [Fact]
    public void BoxFor_ABoxWithNoSites_StaysOnTheFakeNetwork()
    {
        var box = RunPreflight.BoxFor(SiteRoutes.Box(new Dictionary<string, Uri>(), "http://127.0.0.1:32401"));

        Assert.Equal(SandboxNetwork.Fake, box.Network);
        Assert.Empty(box.SiteMap);
    }

    [Fact]
    public void BoxFor_ARealPlex_UsesTheRealNetwork()
    {
        var box = RunPreflight.BoxFor(SiteRoutes.RealNetwork("a real Plex"));

        Assert.Equal(SandboxNetwork.Real, box.Network);
        Assert.Empty(box.SiteMap);
    }
}

using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class SiteScopeTests : IDisposable
{
    private readonly string _plugins = Path.Combine(Path.GetTempPath(), "sitescope-" + Guid.NewGuid().ToString("N"));

    public SiteScopeTests()
    {
        var code = Path.Combine(_plugins, "IAFD.bundle", "Contents", "Code");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(code, "__init__.py"), """
            BASE = 'https://www.iafd.com/results.asp?searchtype=comprehensive'
            PMS = 'http://127.0.0.1:32400/library/sections'
            NAS = "http://192.168.1.5/share"
            DEV = 'http://localhost:8080/'
            V6 = 'http://[::1]:32400/'
            CDN = "https://cdn.example-images.net/img/1.jpg"
            """);
        File.WriteAllText(Path.Combine(_plugins, "notes.py"), "X = 'http://outside.example/'");
    }

    public void Dispose() => Directory.Delete(_plugins, recursive: true);

    [Theory]
    [InlineData("https://www.iafd.com/person.rme", true)]
    [InlineData("https://iafd.com/", true)]
    [InlineData("http://images.iafd.com/1.jpg", true)]
    [InlineData("https://cdn.example-images.net/other", true)]
    [InlineData("https://intranet.corp/", true)]
    [InlineData("https://evil-iafd.com/", false)]
    [InlineData("https://iafd.com.evil.net/", false)]
    [InlineData("http://127.0.0.1:32400/library/sections", false)]
    [InlineData("http://192.168.1.5/share", false)]
    [InlineData("http://localhost:8080/", false)]
    [InlineData("http://[::1]:32400/", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("http://outside.example/", false)]
    public void Allows_OnlyTheSitesTheBundlesCodeNames_TheirSubdomains_AndTheExtraHosts(string url, bool allowed)
    {
        var scope = SiteScope.Scan(_plugins, ["intranet.corp"]);

        Assert.Equal(allowed, scope.Allows(new Uri(url)));
    }

    [Theory]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[::ffff:a00:1]/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://[64:ff9b::a00:1]/")]
    [InlineData("http://8.8.8.8/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("http://10-0-0-1.sslip.io/")]
    [InlineData("http://7f000001.nip.io/")]
    [InlineData("http://a.127.0.0.1.example.com/")]
    public void Allows_IpLiteralsAndAddressCarryingNamesInAgentCode_NeverCount(string url)
    {
        var code = Path.Combine(_plugins, "Rebind.bundle", "Contents", "Code");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(code, "__init__.py"), $"BASE = '{url}'\n");

        var scope = SiteScope.Scan(_plugins, []);

        Assert.False(scope.Allows(new Uri(url)));
        Assert.Contains("iafd.com", scope.Hosts);
    }

    [Theory]
    [InlineData("mirror.example.org")]
    [InlineData("mirror.example.org:8443")]
    [InlineData("https://mirror.example.org/films/")]
    [InlineData(" WWW.Mirror.Example.org. ")]
    public void ExtraHost_GivenAsAHostAPortOrAURL_AllowsThatHost(string entry)
    {
        var scope = SiteScope.Scan(_plugins, [entry]);

        Assert.True(scope.Allows(new Uri("https://mirror.example.org/films/1")));
        Assert.False(scope.Allows(new Uri("https://example.org/")));
    }

    [Fact]
    public void MissingPluginsFolder_AllowsOnlyTheExtraHosts()
    {
        var scope = SiteScope.Scan(Path.Combine(_plugins, "missing"), ["www.Example.org."]);

        Assert.Equal(["example.org"], scope.Hosts);
        Assert.True(scope.Allows(new Uri("https://example.org/")));
        Assert.False(scope.Allows(new Uri("https://iafd.com/")));
    }
}

using System.Text.Json;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class SiteToolsTests : IAsyncLifetime
{
    private readonly ToolFixture _fixture = new();
    private FakeSites _sites = null!;
    private PageFetcher _fetcher = null!;

    public async ValueTask InitializeAsync()
    {
        _sites = await FakeSites.StartAsync();
        _fetcher = new PageFetcher(new PageFetcherOptions { HostOverrides = _sites.Overrides, RetryBaseDelay = TimeSpan.FromMilliseconds(50) });
    }

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        await _sites.DisposeAsync();
        _fixture.Dispose();
    }

    [Fact]
    public async Task FetchPage_WithTheAgentsHeaders_SendsWhatItsCodeSends()
    {
        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.FetchPage, ("url", "http://echo.example/film/1"), ("agent", "Films"));

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(200, root.GetProperty("status").GetInt32());
        Assert.Equal(AgentHeaderFinder.FrameworkUserAgent, root.GetProperty("headersSent").GetProperty("User-Agent").GetString());
        Assert.Equal("http://films.example/", root.GetProperty("headersSent").GetProperty("Referer").GetString());
        Assert.Contains("Referer: http://films.example/", root.GetProperty("body").GetString(), StringComparison.Ordinal);
        var browser = Assert.Single(root.GetProperty("otherHeaderSetsInAgentCode").EnumerateArray());
        Assert.StartsWith("Mozilla/5.0", browser.GetProperty("User-Agent").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPage_AgentHeadersAreRefused_ThenGivenBrowserHeadersWork()
    {
        var registry = _fixture.Registry(_fetcher);

        var denied = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://films.example/search?q=Dune"), ("agent", "Films.bundle"));
        var served = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://films.example/search?q=Dune"), ("agent", "Films"),
            ("headers", "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0\nAccept-Language: en-US"));

        Assert.Contains("\"status\":403", denied, StringComparison.Ordinal);
        Assert.Contains("\"status\":200", served, StringComparison.Ordinal);
        Assert.Contains("Dune: Part Two", served, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPage_OfAHostNoAgentUses_IsRefusedBeforeAnyRequest_NamingTheAgentsSites()
    {
        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.FetchPage, ("url", "http://intranet.example/admin"));

        Assert.Contains("'intranet.example' is not a site the agents", json, StringComparison.Ordinal);
        Assert.Contains("films.example", json, StringComparison.Ordinal);
        Assert.Contains("Agent:SiteHosts", json, StringComparison.Ordinal);
        Assert.Equal(0, _sites.Hits("intranet.example"));
    }

    [Fact]
    public async Task TestXPath_OnAHostNoAgentUses_IsRefusedToo()
    {
        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "//body"), ("url", "http://intranet.example/"));

        Assert.Contains("is not a site the agents", json, StringComparison.Ordinal);
        Assert.Equal(0, _sites.Hits("intranet.example"));
    }

    [Fact]
    public async Task FetchPage_RedirectToAHostNoAgentUses_IsNotFollowed()
    {
        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.FetchPage, ("url", "http://echo.example/redirect?to=http://intranet.example/secret"));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(302, document.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("not followed", document.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, _sites.Hits("intranet.example"));
    }

    [Fact]
    public async Task FetchPage_AHostTheAgentsCodeNamesAfterAFix_IsAllowedWithoutARestart()
    {
        var registry = _fixture.Registry(_fetcher);
        var before = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://intranet.example/"));
        File.AppendAllText(Path.Combine(_fixture.PluginsDir, "Films.bundle", "Contents", "Code", "__init__.py"), "\nMIRROR = 'http://intranet.example/'\n");

        var after = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://intranet.example/"));

        Assert.Contains("is not a site the agents", before, StringComparison.Ordinal);
        Assert.Contains("\"status\":200", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPage_LargePage_IsTrimmedAndSaysTruncated()
    {
        var registry = _fixture.Registry(_fetcher, new ToolOutputLimits { MaxPageChars = 500 });

        var json = await registry.CallAsync(ToolNames.FetchPage, ("url", "http://big.example/"));

        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(500, document.RootElement.GetProperty("body").GetString()!.Length);
        Assert.StartsWith("truncated: 500 of ", document.RootElement.GetProperty("truncationNote").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPage_Timeout_IsReportedInWords()
    {
        var time = new WaitableFakeTime();
        var limit = TimeSpan.FromMilliseconds(300);
        using var fetcher = new PageFetcher(new PageFetcherOptions { HostOverrides = _sites.Overrides, AttemptTimeout = limit, MaxRetries = 0 }, time);

        var call = _fixture.Registry(fetcher).CallAsync(ToolNames.FetchPage, ("url", "http://slow.example/"));
        await time.WaitForTimerAsync(limit);
        time.Advance(limit);
        var json = await call.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Contains("\"status\":0", json, StringComparison.Ordinal);
        Assert.Contains("timed out", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchPage_UnknownAgent_ListsTheBundles()
    {
        var answer = await _fixture.Registry(_fetcher).CallAsync(ToolNames.FetchPage, ("url", "http://echo.example/"), ("agent", "Nope"));

        Assert.StartsWith("Error: No bundle 'Nope.bundle' in the Plug-ins folder", answer, StringComparison.Ordinal);
        Assert.Contains("Films.bundle", answer, StringComparison.Ordinal);
        Assert.Equal(0, _sites.Hits("echo.example"));
    }

    [Fact]
    public async Task FetchPage_NotAUrl_IsAReadableError()
    {
        var answer = await _fixture.Registry(_fetcher).CallAsync(ToolNames.FetchPage, ("url", "films.example/search"));

        Assert.Equal("Error: 'films.example/search' is not an absolute http(s) URL.", answer);
    }

    [Fact]
    public async Task TestXPath_OnGivenHtml_ReturnsTheMatchesText()
    {
        const string html = "<html><body><ul><li class=\"studio\">Warner</li><li class=\"studio\">Legendary</li><li>other</li></ul></body></html>";

        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "//li[@class='studio']"), ("html", html));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetProperty("matches").GetInt32());
        Assert.Equal(["Warner", "Legendary"], document.RootElement.GetProperty("shown").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task TestXPath_OnHtmlLargerThanThePageCap_IsRefusedBeforeParsing()
    {
        string html = "<html><body>" + new string('x', 3 * 1024 * 1024) + "</body></html>";

        var answer = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "//body"), ("html", html));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("more than the 2097152 test_xpath takes", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestXPath_NestedCountOnASmallPage_IsStoppedWithAClearError()
    {
        string html = "<html><body>" + string.Concat(Enumerable.Range(0, 100).Select(i => $"<p>item {i}</p>")) + "</body></html>";

        var answer = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "count(//*[count(//*[count(//*[count(//*) > 0]) > 0]) > 0])"), ("html", html));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("was stopped", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestXPath_NoMatch_SaysTheAgentWouldGetAnEmptyList()
    {
        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "//h1[@class='title']/text()"), ("html", "<h1 class=\"film-title\">Dune</h1>"));

        Assert.Contains("\"matches\":0", json, StringComparison.Ordinal);
        Assert.Contains("IndexError", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestXPath_BadExpression_IsAReadableError()
    {
        var answer = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "//div[@class="), ("html", "<div/>"));

        Assert.StartsWith("Error: '//div[@class=' is not a valid XPath 1.0 expression", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestXPath_OnAFetchedUrl_UsesTheCachedPage()
    {
        var registry = _fixture.Registry(_fetcher);
        await registry.CallAsync(ToolNames.FetchPage, ("url", "http://films.example/search?q=Dune"), ("headers", "{\"User-Agent\": \"Mozilla/5.0\"}"));

        var json = await registry.CallAsync(ToolNames.TestXPath, ("xpath", "//div[@class='film']/a/text()"), ("url", "http://films.example/search?q=Dune"));

        Assert.Contains("\"matches\":2", json, StringComparison.Ordinal);
        Assert.Contains("as fetch_page fetched it", json, StringComparison.Ordinal);
        Assert.Equal(1, _sites.Hits("films.example"));
    }

    [Fact]
    public async Task TestXPath_OnAnErrorPage_SaysItIsNotTheContent()
    {
        var json = await _fixture.Registry(_fetcher).CallAsync(ToolNames.TestXPath, ("xpath", "//h1"), ("url", "http://films.example/search?q=Dune"));

        Assert.Contains("HTTP 403: this is the error page", json, StringComparison.Ordinal);
    }
}

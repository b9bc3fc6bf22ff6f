using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Sites;

public sealed class SiteBehaviourTests
{
    [Fact]
    public async Task RequestWithoutBrowserHeaders_Gets403_LoggedAsErrorOpeningUrl()
    {
        var code = TestScenario.HealthyAgent.Replace("HEADERS = {'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)', 'Accept-Language': 'en'}", "HEADERS = {}", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, behaviours: new { requireBrowser = true }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var log = run.ReadLog(TestScenario.Identifier);
        Assert.Contains("Error opening URL 'http://www.testsite.example/search?q=Film%201'", log, StringComparison.Ordinal);
        Assert.Contains("Error: Search Query did not pull any results: HTTP Error 403: Forbidden", log, StringComparison.Ordinal);
        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task BrowserHeaders_PassTheBrowserCheck()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { requireBrowser = true }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task RequestsAboveTheRate_Get429WithRetryAfter()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { rateLimit = new { requests = 2, perSeconds = 30, retryAfterSeconds = 7 } }, items: 3);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{run.Host.Sites.Port}") };
        direct.DefaultRequestHeaders.Host = TestScenario.Host;

        await run.RefreshAsync("1");
        await run.RefreshAsync("2");
        using var refused = await direct.GetAsync("/film/f1", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("HTTP Error 429: Too Many Requests", run.ReadLog(TestScenario.Identifier), StringComparison.Ordinal);
        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("2")!.LastRefresh);
    }

    [Fact]
    public async Task ResponseSlowerThanTheAgentsTimeout_TimesOut()
    {
        var code = TestScenario.HealthyAgent.Replace("TIMEOUT = 20", "TIMEOUT = 0.3", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, behaviours: new { delayMs = 1500 }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var log = run.ReadLog(TestScenario.Identifier);
        Assert.Contains("Error opening URL 'http://www.testsite.example/search?q=Film%201'", log, StringComparison.Ordinal);
        Assert.Contains("Search Query did not pull any results: <urlopen error timed out>", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteThatIsDown_RefusesConnections()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { down = true }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        Assert.Contains("Connection refused", run.ReadLog(TestScenario.Identifier), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryNthRequest_GetsAServerError()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { serverErrorEvery = 2 }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        Assert.Contains("HTTP Error 503: Service Unavailable", run.ReadLog(TestScenario.Identifier), StringComparison.Ordinal);
        Assert.Equal(RefreshOutcome.UpdateFailed, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task EveryNthConnection_IsReset_AndTheAgentSeesTheNetworkError()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { resetEvery = 1 }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var log = run.ReadLog(TestScenario.Identifier);
        Assert.Contains("Error opening URL 'http://www.testsite.example/search?q=Film%201'", log, StringComparison.Ordinal);
        Assert.True(log.Contains("Connection reset by peer", StringComparison.Ordinal) || log.Contains("BadStatusLine", StringComparison.Ordinal), log);
        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task ASiteBehindAChallenge_AnswersEveryClientWithTheInterstitial_BrowserHeadersIncluded()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { challenge = true }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{run.Host.Sites.Port}") };
        direct.DefaultRequestHeaders.Host = TestScenario.Host;
        direct.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64)");
        direct.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var answer = await direct.GetAsync("/film/f1", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal("challenge", string.Join(",", answer.Headers.GetValues("cf-mitigated")));
        Assert.Contains("<title>Just a moment...</title>", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMovedPath_Answers404_WhileTheOtherRoutesStillServe()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { movedPaths = new[] { "/search" } }, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var direct = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{run.Host.Sites.Port}") };
        direct.DefaultRequestHeaders.Host = TestScenario.Host;

        using var moved = await direct.GetAsync("/search?q=Film+1", TestContext.Current.CancellationToken);
        using var detail = await direct.GetAsync("/film/f1", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, moved.StatusCode);
        Assert.Contains("This page has moved", await moved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, detail.StatusCode);
    }
}

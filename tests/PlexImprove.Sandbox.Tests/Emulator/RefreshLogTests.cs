using System.Text.Json;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

public sealed class RefreshLogTests
{
    [Fact]
    public async Task Refresh_WritesFrameworkLogWithOneSearchAndOneUpdatePerItem()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 3);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1", "2", "3");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        Assert.Contains(records, r => r.Message.StartsWith("Starting framework core - Version: 2.6.3", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message == "Started plug-in");
        var searches = records.Where(r => r.Message.StartsWith("Searching for matches for {", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, searches.Count);
        Assert.Contains(searches, r => r.Message.Contains("'id': '2'", StringComparison.Ordinal));
        var updates = records.Where(r => r.Message.StartsWith("Handling request GET /:/plugins/com.plexapp.agents.TestAgent/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, updates.Count);
        Assert.Contains(updates, u => FrameworkLog.DecodeUpdateRequest(u.Message).Contains("s1\n3s4\ndbid", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message.StartsWith("Found route matching", StringComparison.Ordinal));
        Assert.Equal(6, records.Count(r => r.Message.Contains(">> Successful!! <<", StringComparison.Ordinal)));
        Assert.Equal(6, records.Count(r => r.Module == "networking" && r.Message.StartsWith("Requesting 'http://www.testsite.example/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Refresh_StoresTheAgentsMetadataOnTheItem()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        var before = await ItemAsync(run, "2");

        await run.RefreshAsync("2");

        var after = await ItemAsync(run, "2");
        Assert.Equal("(Studio) - Film 2", before.GetProperty("title").GetString());
        Assert.Equal("Film 2", after.GetProperty("title").GetString());
        Assert.Equal("Summary 2", after.GetProperty("summary").GetString());
        Assert.Equal("com.plexapp.agents.TestAgent://f2?lang=en", after.GetProperty("guid").GetString());
        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("2")!.LastRefresh);
    }

    [Fact]
    public async Task UpdateThatRaises_LogsAgentkitCriticalWithTraceback_AndTheRefreshStillEnds()
    {
        var code = TestScenario.HealthyAgent.Replace("metadata.title = page.xpath('//h1/text()')[0]", "metadata.title = page.xpath('//h2/text()')[0]", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var critical = Assert.Single(FrameworkLog.Records(run.ReadLog(TestScenario.Identifier)), r => r.Level == "CRITICAL" && r.Module == "agentkit");
        Assert.StartsWith("Exception in the update function of agent named 'TestAgent', called with guid 'com.plexapp.agents.TestAgent://f1?lang=en' (most recent call last):", critical.Message, StringComparison.Ordinal);
        Assert.Equal("IndexError: list index out of range", critical.Continuation[^1]);
        Assert.Equal(RefreshOutcome.UpdateFailed, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task SearchThatRaises_LogsAgentkitCriticalNamingTheKeywordArguments()
    {
        var code = TestScenario.HealthyAgent.Replace("title = re.sub(", "title = undefined_name + re.sub(", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var critical = Assert.Single(FrameworkLog.Records(run.ReadLog(TestScenario.Identifier)), r => r.Level == "CRITICAL" && r.Module == "agentkit");
        Assert.StartsWith("Exception in the search function of agent named 'TestAgent', called with keyword arguments {", critical.Message, StringComparison.Ordinal);
        Assert.Contains("'id': '1'", critical.Message, StringComparison.Ordinal);
        Assert.Equal("NameError: global name 'undefined_name' is not defined", critical.Continuation[^1]);
        Assert.Equal(RefreshOutcome.NotMatched, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task SecondRequestForTheSameUrl_IsFetchedFromTheHttpCache_WhenTheAgentSetsACacheTime()
    {
        var code = TestScenario.HealthyAgent.Replace("Log.Info('TestAgent  - START:: started')", "HTTP.CacheTime = CACHE_1DAY", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");
        await run.RefreshAsync("1");

        var log = run.ReadLog(TestScenario.Identifier);
        Assert.Contains("Fetching 'http://www.testsite.example/search?q=Film%201' from the HTTP cache", log, StringComparison.Ordinal);
        Assert.Equal(2, FrameworkLog.Records(log).Count(r => r.Message.StartsWith("Requesting 'http://www.testsite.example/", StringComparison.Ordinal)));
    }

    private static async Task<JsonElement> ItemAsync(SandboxRun run, string rk)
    {
        var json = await run.Http.GetStringAsync($"/library/metadata/{rk}", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(json).RootElement.GetProperty("MediaContainer").GetProperty("Metadata")[0];
    }
}

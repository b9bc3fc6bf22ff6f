using System.Diagnostics;
using System.Text.RegularExpressions;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

public sealed class PluginLifecycleTests
{
    [Fact]
    public async Task HungPlugin_IsStopped_AndTheNextRefreshGetsItsOwnAnswerFromAFreshProcess()
    {
        // The first item's search never answers; the request limit runs on the sandbox's fake clock, so the test ends
        // the wait itself instead of sleeping through it. A late answer must never serve the second item.
        var code = TestScenario.HealthyAgent.Replace(
            "        title = re.sub(r'^\\(.*?\\) - ', '', media.name)\n",
            "        title = re.sub(r'^\\(.*?\\) - ', '', media.name)\n        if title == 'Film 1':\n            Log.Info('TestAgent  - SEARCH:: hanging')\n            import time\n            time.sleep(3600)\n",
            StringComparison.Ordinal);
        Assert.Contains("time.sleep(3600)", code, StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 2);
        var time = new WaitableFakeTime(DateTimeOffset.UtcNow);
        var limit = TimeSpan.FromSeconds(3);
        await using var run = await SandboxRun.StartAsync(scenario.Root, pluginRequestTimeout: limit, time: time);

        using var put = await run.Http.PutAsync("/library/metadata/1/refresh", null, TestContext.Current.CancellationToken);
        put.EnsureSuccessStatusCode();
        // The limit's timer starts before the request is sent, so once the agent says it hangs, advancing ends its wait.
        await Eventually.TrueAsync(() => File.Exists(run.LogPath(TestScenario.Identifier)) && run.ReadLog(TestScenario.Identifier).Contains("SEARCH:: hanging", StringComparison.Ordinal), "the agent's search for Film 1 started hanging");
        time.Advance(limit);
        await run.WaitIdleAsync();
        await run.RefreshAsync("2");

        Assert.Equal(RefreshOutcome.PluginUnavailable, run.Host.Library.Find("1")!.LastRefresh);
        var second = run.Host.Library.Find("2")!;
        Assert.Equal(RefreshOutcome.Updated, second.LastRefresh);
        Assert.Equal("Film 2", second.Title);
        Assert.Equal(2, Regex.Matches(run.ReadLog(TestScenario.Identifier) + ReadRotated(run), "Started plug-in").Count);
    }

    private static string ReadRotated(SandboxRun run) =>
        File.Exists(run.LogPath(TestScenario.Identifier) + ".1") ? File.ReadAllText(run.LogPath(TestScenario.Identifier) + ".1") : "";

    [Fact]
    public async Task EditedCode_ChangesNothingUntilThePluginRestarts_ThenTakesEffect()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        await run.RefreshAsync("1");
        var code = run.CodePath("TestAgent");
        File.WriteAllText(code, File.ReadAllText(code).Replace("metadata.title = page.xpath('//h1/text()')[0]", "metadata.title = 'Edited ' + page.xpath('//h1/text()')[0]", StringComparison.Ordinal));

        await run.RefreshAsync("1");
        var beforeRestart = run.Host.Library.Find("1")!.Title;
        await run.RestartPluginAsync(TestScenario.Identifier);
        await run.RefreshAsync("1");
        var afterRestart = run.Host.Library.Find("1")!.Title;

        Assert.Equal("Film 1", beforeRestart);
        Assert.Equal("Edited Film 1", afterRestart);
    }

    [Fact]
    public async Task Restart_RollsTheLogOver_KeepingThePreviousRunInLog1()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        await run.RefreshAsync("1");

        await run.RestartPluginAsync(TestScenario.Identifier);

        var current = run.ReadLog(TestScenario.Identifier);
        var previous = File.ReadAllText(run.LogPath(TestScenario.Identifier) + ".1");
        Assert.Contains("Starting framework core", current, StringComparison.Ordinal);
        Assert.DoesNotContain("Searching for matches", current, StringComparison.Ordinal);
        Assert.Contains("Searching for matches", previous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogRotation_KeepsFiveOlderFiles_AndRollsOverAtOneMebibyte()
    {
        // Start() writes about 1.3 MiB, so one start crosses the size limit once.
        var code = TestScenario.HealthyAgent.Replace("Log.Info('TestAgent  - START:: started')", "for i in range(1300):\n        Log.Info('x' * 1000)", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        for (var i = 0; i < 4; i++)
        {
            await run.RestartPluginAsync(TestScenario.Identifier);
        }

        var files = Directory.GetFiles(run.LogsDir, TestScenario.Identifier + ".log*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([.. new[] { "", ".1", ".2", ".3", ".4", ".5" }.Select(s => TestScenario.Identifier + ".log" + s)], files);
        Assert.All(Directory.GetFiles(run.LogsDir, TestScenario.Identifier + ".log*"), f => Assert.True(new FileInfo(f).Length <= 1024 * 1024, f));
    }

    [Fact]
    public async Task NameStartingWithUnderscore_FailsTheLoadLikePlex_AndTheSandboxKeepsServing()
    {
        var code = TestScenario.HealthyAgent.Replace("import re\n", "import re\n\n_cache = {}\n", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        var critical = Assert.Single(records, r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception while loading code (most recent call last):", critical.Message);
        Assert.Equal("SyntaxError: Line 4: \"_cache\" is an invalid variable name because it starts with \"_\"", critical.Continuation[^1]);
        Assert.DoesNotContain(records, r => r.Message == "Started plug-in");
        Assert.Equal(RefreshOutcome.PluginUnavailable, run.Host.Library.Find("1")!.LastRefresh);
        using var root = await run.Http.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.True(root.IsSuccessStatusCode);
    }

    [Fact]
    public async Task CodeThatRaisesAtImport_IsLoggedAsExceptionStartingPlugin()
    {
        var code = TestScenario.HealthyAgent.Replace("import re\n", "import re\nimport helpers\n", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1, siblingModule: "VALUE = 1 / 0\n");
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var critical = Assert.Single(FrameworkLog.Records(run.ReadLog(TestScenario.Identifier)), r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception starting plug-in (most recent call last):", critical.Message);
        Assert.Equal("ZeroDivisionError: integer division or modulo by zero", critical.Continuation[^1]);
    }

    [Fact]
    public async Task SiblingModules_SeeTheInjectedGlobals()
    {
        var code = TestScenario.HealthyAgent.Replace("import re\n", "import re\nimport helpers\n", StringComparison.Ordinal)
            .Replace("Log.Info('TestAgent  - START:: started')", "helpers.hello()", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1, siblingModule: "def hello():\n    Log.Info('hello from %s', Platform.OS)\n");
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        Assert.Contains(FrameworkLog.Records(run.ReadLog(TestScenario.Identifier)), r => r.Module == "logkit" && r.Message.StartsWith("hello from ", StringComparison.Ordinal));
        Assert.Equal(RefreshOutcome.Updated, run.Host.Library.Find("1")!.LastRefresh);
    }

    [Fact]
    public async Task StoppingTheSandbox_StopsEveryPythonProcess()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 1);
        var run = await SandboxRun.StartAsync(scenario.Root);
        await run.RefreshAsync("1");
        var ids = run.Host.Plugins.ProcessIds;

        await run.DisposeAsync();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.False(IsRunning(id), $"python process {id} outlived the sandbox"));
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

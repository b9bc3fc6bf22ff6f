using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Restart;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.EndToEnd;

/// <summary>
/// Phase 1 → edit → restart → Phase 4 against Plex in a box: real Python 2.7 agents, the real Plex client,
/// the real active tester. The demo's AEBN agent fails on curly apostrophes and trailing articles.
/// </summary>
public sealed class ActiveTestEndToEndTests
{
    private const string Aebn = "com.plexapp.agents.AEBN";
    private const int AebnSection = 2;

    [Fact]
    public async Task RealFix_RestartedThroughThePluginUrl_IsKept()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        var baseline = await BaselineAsync(run);
        Edit(run.CodePath("AEBN"), "    title = title.lower().strip()\n",
            "    title = title.replace(u'\\u2019', \"'\").lower().strip()\n" +
            "    for article in ('the', 'a', 'an'):\n" +
            "        if title.endswith(', ' + article):\n" +
            "            title = article + ' ' + title[:-len(article) - 2]\n");
        using var client = Client(run);

        var restart = await RestartAsync(client, run);
        var report = await new ActiveTester(client).RunAsync(Request(run, baseline, restart), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(restart.LoadFailures);
        Assert.True(report.Comparison.Decision.Decision == KeepDecision.Keep, Describe(report));
        var failed = report.Items.Where(i => i.Role == ItemRole.Failed).ToList();
        Assert.Equal(11, failed.Count);
        Assert.All(failed, i => Assert.Equal(ItemOutcome.Succeeded, i.Outcome));
        Assert.All(report.Items, i => Assert.True(i.Plex is { UpdatedAtAdvanced: true }, i.RatingKey));
    }

    [Fact]
    public async Task FixThatOnlyHidesTheErrorAndLiesInItsFooter_IsRolledBack()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        var baseline = await BaselineAsync(run);
        var code = run.CodePath("AEBN");
        Edit(code, "                utils.log_error(AGENT, 'SEARCH', 'Error getting Site Title: < Title Match Failure! >')\n", "");
        Edit(code, "            return\n\n        utils.footer(AGENT, 'SEARCH', False)\n", "            return\n\n        utils.footer(AGENT, 'SEARCH', True)\n");
        using var client = Client(run);

        var restart = await RestartAsync(client, run);
        var report = await new ActiveTester(client).RunAsync(Request(run, baseline, restart), cancellationToken: TestContext.Current.CancellationToken);

        // The log now claims success and shows no title failure, but Plex never received a match.
        Assert.Equal(KeepDecision.Rollback, report.Comparison.Decision.Decision);
        var failed = report.Items.Where(i => i.Role == ItemRole.Failed).ToList();
        Assert.All(failed, i => Assert.NotEqual(ItemOutcome.Succeeded, i.Outcome));
        Assert.All(failed, i => Assert.Equal(ItemOutcome.Succeeded, i.LogOutcome));
    }

    [Fact]
    public async Task FixThatBreaksPlexsLoaderRules_IsACriticalResult()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        var baseline = await BaselineAsync(run);
        Edit(run.CodePath("AEBN"), "    title = title.lower().strip()\n", "    _cleaned = title.lower().strip()\n    title = _cleaned\n");
        using var client = Client(run);

        var restart = await RestartAsync(client, run);
        var report = await new ActiveTester(client).RunAsync(Request(run, baseline, restart), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(restart.LoadFailures);
        Assert.Equal(KeepDecision.Rollback, report.Comparison.Decision.Decision);
        Assert.Contains(report.Comparison.Critical, c => c.Kind == CriticalKind.LoadFailure);
    }

    private static async Task<MetricsDocument> BaselineAsync(SandboxRun run)
    {
        await run.RefreshSectionAsync(AebnSection);
        var baseline = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = run.LogsDir, Agents = [Aebn] }, cancellationToken: TestContext.Current.CancellationToken).Metrics;
        Assert.Equal(11, baseline.Totals.SearchesFailed);

        // The test window starts at the clock's current millisecond, so it must have passed the baseline's last record
        // (log timestamps have millisecond resolution): usually it has, at most a millisecond later it will have.
        var last = baseline.Window.LastRecord ?? throw new InvalidOperationException("The baseline has no log records.");
        await Eventually.TrueAsync(() => TimeProvider.System.GetLocalNow().DateTime >= last.AddMilliseconds(1), "the clock passed the baseline's last log record");
        return baseline;
    }

    private static PlexClient Client(SandboxRun run) => new(new PlexClientOptions
    {
        BaseUrl = new Uri(run.Host.Connection.Url),
        Token = run.Host.Connection.Token,
        ClientIdentifier = "end-to-end-tests",
    });

    private static Task<RestartResult> RestartAsync(PlexClient client, SandboxRun run) =>
        new PlexRestarter(client, new ProcessRunner(), new NobodyAtTheKeyboard())
            .RestartAsync(new RestartRequest { Method = RestartMethod.Plugin, Plugins = [Aebn], LogsDir = run.LogsDir, PluginStartTimeout = TimeSpan.FromSeconds(30) }, TestContext.Current.CancellationToken);

    private static ActiveTestRequest Request(SandboxRun run, MetricsDocument baseline, RestartResult restart) => new()
    {
        FixId = "fix-aebn-titles",
        Agents = ["AEBN"],
        Baseline = baseline,
        LogsDir = run.LogsDir,
        LoadFailures = restart.LoadFailures,
    };

    private static string Describe(TestReport report) =>
        $"{report.Comparison.Decision.Decision}: {report.Comparison.Decision.Reason}\n" +
        string.Join("\n", report.Comparison.Critical.Select(c => $"critical {c.Kind}: {c.Detail}")) + "\n" +
        string.Join("\n", report.Items.Select(i => $"{i.RatingKey} {i.Role} log={i.LogOutcome} outcome={i.Outcome} {i.Reason}")) + "\n" +
        string.Join("\n", report.Notes);

    private static void Edit(string path, string from, string to)
    {
        var code = File.ReadAllText(path);
        Assert.Contains(from, code, StringComparison.Ordinal);
        File.WriteAllText(path, code.Replace(from, to, StringComparison.Ordinal));
    }

    private sealed class NobodyAtTheKeyboard : IUserPrompt
    {
        public bool IsInteractive => false;

        public Task<bool> ConfirmAsync(string instructions, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}

using System.Collections.Concurrent;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Tests.Fakes;

namespace PlexImprove.Plex.Tests.ActiveTesting;

/// <summary>
/// The active tester against the fake PMS, whose refreshes "run the agent": they write plugin log lines and
/// change the item as the scenario says. The baseline is a real Phase 1 aggregation of real log files.
/// </summary>
public sealed class ActiveTesterTests : IAsyncLifetime
{
    private const string Agent = "com.plexapp.agents.testagent";
    private static readonly string[] Failed = ["1", "2", "3", "4", "5", "6"];
    private static readonly string[] Controls = ["7", "8"];

    private readonly string _root = PluginLogWriter.Temp();
    private FakePlexServer _server = null!;
    private PluginLogWriter _log = null!;
    private MetricsDocument _baseline = null!;

    private string LogsDir => Path.Combine(_root, "logs");

    public async ValueTask InitializeAsync()
    {
        _server = await FakePlexServer.StartAsync();
        _log = new PluginLogWriter(LogsDir, Agent) { At = DateTime.Now.AddHours(-3) };
        _log.Start();
        foreach (var rk in Failed.Append("99"))
        {
            _log.Search(rk, "Movie " + rk);
            _log.SearchCrashed(rk);
        }

        foreach (var rk in Controls)
        {
            _log.Search(rk, "Movie " + rk);
            _log.SearchSucceeded(rk);
        }

        _baseline = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = LogsDir }).Metrics;

        // The fix was applied and the plugin restarted: the baseline now sits in .log.1.
        _log.At = null;
        _log.Start();

        foreach (var rk in Failed)
        {
            _server.AddItem(rk);
        }

        foreach (var rk in Controls)
        {
            var item = _server.AddItem(rk);
            item.Summary = "A summary.";
            item.Guid = $"{Agent}://{rk}?lang=en";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private ActiveTestRequest Request(TimeSpan? timeout = null) => new()
    {
        FixId = "fix-001",
        Agents = ["testagent"],
        Baseline = _baseline,
        Refresh = new RefreshOptions { ItemTimeout = timeout ?? TimeSpan.FromSeconds(15), PollInterval = TimeSpan.FromMilliseconds(50) },
    };

    /// <summary>A fix that works: the agent logs success and Plex gets the metadata.</summary>
    private void AgentRepaired(FakeItem item)
    {
        _log.Search(item.RatingKey, item.Title!);
        _log.SearchSucceeded(item.RatingKey);
        item.Summary = "A summary.";
        item.Guid = $"{Agent}://{item.RatingKey}?lang=en";
    }

    [Fact]
    public async Task Test_RealFix_KeepsIt_JudgingTheFailedItemsAndControls()
    {
        _server.OnRefresh = AgentRepaired;
        using var client = TestClients.For(_server);

        var report = await new ActiveTester(client).RunAsync(Request(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([.. Failed, .. Controls, "99"], report.Items.Select(i => i.RatingKey).Order(StringComparer.Ordinal));
        Assert.Equal(ItemOutcome.NotFound, report.Items.Single(i => i.RatingKey == "99").Outcome);
        Assert.All(report.Items.Where(i => i.RatingKey != "99"), i => Assert.Equal(ItemOutcome.Succeeded, i.Outcome));
        Assert.Equal(2, report.Comparison.Before.Succeeded);
        Assert.Equal(8, report.Comparison.After.Succeeded);
        Assert.Equal(8, report.Comparison.After.Items);
        Assert.Equal(KeepDecision.Keep, report.Comparison.Decision.Decision);
        Assert.Contains(report.Notes, n => n.Contains("99", StringComparison.Ordinal));
        Assert.Equal([Agent], report.Agents);
        var httpErrors = report.Comparison.Exceptions.Single(e => e.Name == "HTTPError");
        Assert.Equal(7, httpErrors.Before);
        Assert.Equal(0, httpErrors.After);
    }

    [Fact]
    public async Task Test_FixThatOnlyHidesTheErrors_CannotPass()
    {
        // The agent now logs success, but nothing reaches Plex: no summary, no guid of the agent.
        _server.OnRefresh = item =>
        {
            _log.Search(item.RatingKey, item.Title!);
            _log.SearchSucceeded(item.RatingKey);
        };
        using var client = TestClients.For(_server);

        var report = await new ActiveTester(client).RunAsync(Request(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(report.Items.Where(i => i.Role == ItemRole.Failed && i.RatingKey != "99"), i =>
        {
            Assert.Equal(ItemOutcome.Succeeded, i.LogOutcome);
            Assert.Equal(ItemOutcome.PlexDisagrees, i.Outcome);
        });
        Assert.Equal(2, report.Comparison.After.Succeeded);
        Assert.Equal(KeepDecision.Rollback, report.Comparison.Decision.Decision);
    }

    [Fact]
    public async Task Test_ControlThatNowCrashesWithANewException_RollsBack()
    {
        _server.OnRefresh = item =>
        {
            if (item.RatingKey == "7")
            {
                _log.Search(item.RatingKey, item.Title!);
                _log.SearchCrashed(item.RatingKey, "KeyError: 'studio'");
                return;
            }

            AgentRepaired(item);
        };
        using var client = TestClients.For(_server);

        var report = await new ActiveTester(client).RunAsync(Request(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ItemOutcome.Crashed, report.Items.Single(i => i.RatingKey == "7").Outcome);
        Assert.Contains(report.Comparison.Critical, c => c.Kind == CriticalKind.ControlRegressed);
        Assert.Contains(report.Comparison.Critical, c => c.Kind == CriticalKind.NewExceptionType && c.Detail.Contains("KeyError", StringComparison.Ordinal));
        Assert.Equal(KeepDecision.Rollback, report.Comparison.Decision.Decision);
    }

    [Fact]
    public async Task Test_ItemThatNeverFinishes_CountsAsTimedOut()
    {
        _server.OnRefresh = AgentRepaired;
        _server.NeverFinish.Add("3");
        // The item limit runs on a fake clock, moved past it once every other item is done. The clock starts a
        // moment back and the limit is long, so the test window it bounds holds every log line the refreshes write.
        var time = new WaitableFakeTime(DateTimeOffset.Now.AddSeconds(-1));
        using var client = TestClients.OnClock(_server, time);
        var finished = new ConcurrentQueue<RefreshProgress>();
        var limit = TimeSpan.FromMinutes(5);

        var run = new ActiveTester(client).RunAsync(Request(limit), new Progress(finished), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => finished.Count == 8, "every item but 3 was reported (7 refreshed, 99 not found)");
        time.Advance(limit);
        var report = await run.WaitAsync(WaitableFakeTime.DefaultPatience, TestContext.Current.CancellationToken);

        Assert.Equal(ItemOutcome.TimedOut, report.Items.Single(i => i.RatingKey == "3").Outcome);
        Assert.Equal(7, report.Comparison.After.Succeeded);
        Assert.Equal(8, report.Comparison.After.Items);
    }

    [Fact]
    public async Task Test_ReportWritten_NeverContainsTheToken()
    {
        _server.OnRefresh = AgentRepaired;
        _server.WebSocketRefused = true;
        using var client = TestClients.For(_server);

        var report = await new ActiveTester(client).RunAsync(Request(), cancellationToken: TestContext.Current.CancellationToken);
        var (markdown, json) = TestReportWriter.Write(Path.Combine(_root, "work", "iteration_1"), report);

        Assert.Contains(report.Notes, n => n.Contains("polling", StringComparison.Ordinal));
        Assert.DoesNotContain(FakePlexServer.Token, File.ReadAllText(markdown), StringComparison.Ordinal);
        Assert.DoesNotContain(FakePlexServer.Token, File.ReadAllText(json), StringComparison.Ordinal);
        Assert.EndsWith("test_report_fix-001.json", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BaselineWithoutFailures_IsBadInput()
    {
        using var client = TestClients.For(_server);
        var clean = PluginLogWriter.Temp();
        try
        {
            var log = new PluginLogWriter(clean, Agent) { At = DateTime.Now.AddHours(-1) };
            log.Start();
            log.Search("7", "Movie 7");
            log.SearchSucceeded("7");
            var baseline = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = clean }, cancellationToken: TestContext.Current.CancellationToken).Metrics;

            var e = await Assert.ThrowsAsync<InvalidInputException>(() =>
                new ActiveTester(client).RunAsync(new ActiveTestRequest { FixId = "f", Agents = [Agent], Baseline = baseline }, cancellationToken: TestContext.Current.CancellationToken));

            Assert.Contains("no failed session", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(clean, recursive: true);
        }
    }

    /// <summary>Records each finished refresh as it is reported, on the reporting thread.</summary>
    private sealed class Progress(ConcurrentQueue<RefreshProgress> finished) : IProgress<RefreshProgress>
    {
        public void Report(RefreshProgress value) => finished.Enqueue(value);
    }
}

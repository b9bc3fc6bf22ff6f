using PlexImprove.Core.Metrics;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>The sandbox's logs, read by the Phase 1 engine exactly as a real server's would be.</summary>
public sealed class PhaseOneParsingTests
{
    [Fact]
    public async Task RefreshLogs_ParseWithZeroUnparsedLines_AndOneSucceededSearchAndUpdatePerItem()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 3);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1", "2", "3");
        var result = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = run.LogsDir, CollectSessions = true }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(result.Metrics.Files, f => Assert.Equal(0, f.UnparsedLines));
        var counts = result.Metrics.Agents[TestScenario.Identifier];
        Assert.Equal((3, 3, 3, 3), (counts.SearchesStarted, counts.SearchesSucceeded, counts.UpdatesStarted, counts.UpdatesSucceeded));
        Assert.Equal(["1", "1", "2", "2", "3", "3"], result.Sessions.Select(s => s.RatingKey!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DemoBaselineLogs_ParseWithZeroUnparsedLines_AndSessionOutcomesMatchTheRefreshOutcomes()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        foreach (var section in run.Host.Library.Sections)
        {
            await run.RefreshSectionAsync(section.Id);
        }

        var result = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = run.LogsDir, CollectSessions = true }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(result.Metrics.Files, f => Assert.Equal(0, f.UnparsedLines));
        var items = run.Host.Library.Items.ToList();
        Assert.Equal(items.Count, result.Sessions.Count(s => s.Kind == SessionKind.Search));
        Assert.DoesNotContain(result.Sessions, s => s.Outcome == SessionOutcome.Unfinished);
        var updatedKeys = items.Where(i => i.LastRefresh == RefreshOutcome.Updated).Select(i => i.RatingKey).Order(StringComparer.Ordinal);
        var succeededUpdates = result.Sessions.Where(s => s.Kind == SessionKind.Update && s.Outcome == SessionOutcome.Succeeded).Select(s => s.RatingKey!).Order(StringComparer.Ordinal);
        Assert.Equal(updatedKeys, succeededUpdates);
        Assert.All(result.Sessions.Where(s => s.Agent == "com.plexapp.agents.GayEmpire"), s => Assert.Equal((SessionKind.Search, SessionOutcome.Crashed, "IndexError"), (s.Kind, s.Outcome, s.ExceptionType)));
        Assert.InRange(result.Metrics.Totals.SuccessRate!.Value, 0.10, 0.20);
    }
}

using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Reflection;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Metrics;
using PlexImprove.Sandbox.Emulator;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The playbook on the sandbox's demo: logs from refreshing every section, the bundles, the sites' pages.</summary>
public sealed class PlaybookDemoTests
{
    private const string Gevi = "com.plexapp.agents.GEVI";
    private const string Aebn = "com.plexapp.agents.AEBN";
    private const string GayEmpire = "com.plexapp.agents.GayEmpire";

    /// <summary>The window of the demo GEVI site's rate limit (3 requests in any second).</summary>
    private static readonly TimeSpan GeviRateWindow = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task DemoBaseline_EveryDefectGetsAPatchThatPassesTheGate_AndApplyingThemRaisesSuccess()
    {
        var clock = new HoldableClock();
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot, time: clock);
        using var fetcher = await BoxPages.CreateAsync(run.Host);
        using var work = new TempDirectory();
        foreach (var section in run.Host.Library.Sections)
        {
            await run.RefreshSectionAsync(section.Id);
        }

        var before = Updated(run);
        var report = await DiagnoseAsync(run, fetcher, LessonBook.Empty);
        var engine = await Gate.EngineAsync(run.Host.Connection.PluginsDir, work.Path);
        await new DiagnosisVerifier(engine).VerifyAsync(report, 1, TestContext.Current.CancellationToken);

        var perAgent = report.Fixes.GroupBy(f => f.Agents[0]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.True(perAgent.ContainsKey(Gevi), Describe(report));
        Assert.True(perAgent.ContainsKey(Aebn), Describe(report));
        Assert.True(perAgent.ContainsKey(GayEmpire), Describe(report));
        Assert.All(report.Fixes, f => Assert.True(f.Verification!.Applicable, f.Id + ": " + f.Verification.Reason + string.Join("; ", f.Verification.Findings)));
        var headers = Assert.Single(perAgent[Gevi]);
        Assert.Empty(headers.LessonsApplied);
        Assert.DoesNotContain(headers.Patch!.Edits, e => e.New.Contains("sleep=", StringComparison.Ordinal));
        Assert.Contains(headers.ExpectedResults, r => r.Metric == "http.403" && r.Direction == ChangeDirection.Decrease);
        Assert.DoesNotContain(report.Uncovered, u => u.Text.Contains("403", StringComparison.Ordinal));

        foreach (var fix in report.Fixes)
        {
            var outcome = await engine.ApplyPatchAsync(new ChangeRequest { FixId = fix.Id, Iteration = 1, Patch = PatchBytes.From(fix.Patch!) }, TestContext.Current.CancellationToken);
            Assert.True(outcome.Applied, outcome.Message);
            await run.RestartPluginAsync(fix.Agents[0]);
        }

        // Unblocked but unpaced, GEVI asks faster than its site allows; with the clock held that holds on a slow machine too.
        var testWindow = TimeProvider.System.GetLocalNow().DateTime;
        clock.Hold();
        foreach (var section in run.Host.Library.Sections)
        {
            await run.RefreshSectionAsync(section.Id);
        }

        clock.Release();

        var after = Updated(run);
        Assert.True(after > before + 10, $"updated before {before}, after {after}");
        Assert.All(run.Host.Library.Section(2)!.Items, i => Assert.Equal(RefreshOutcome.Updated, i.LastRefresh));
        Assert.All(run.Host.Library.Section(3)!.Items, i => Assert.Equal(RefreshOutcome.Updated, i.LastRefresh));

        // Post-mortem: the unblocked site now answers 429; reflection learns to pace when unblocking a site.
        var baseline = Per100(run, Gevi, "429", null, testWindow);
        var tested = Per100(run, Gevi, "429", testWindow, null);
        Assert.True(tested > baseline, $"429 per 100 sessions {baseline} → {tested}");
        var brain = new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher });
        var operations = await brain.ReflectAsync(new ReflectionRequest
        {
            Iteration = 1,
            Lessons = LessonBook.Empty,
            Outcomes = [new InterventionOutcome { Fix = headers, Status = PlexImprove.Agent.Reflection.OutcomeStatus.Kept, HttpStatusesRose = new Dictionary<string, (double, double)> { ["429"] = (baseline, tested) } }],
        }, TestContext.Current.CancellationToken);
        var book = LessonBook.Empty;
        book.Apply(operations);
        Assert.NotNull(book.Find(PlaybookReflection.PaceUnblockedSitesId));

        // Iteration 2: the playbook paces, says which lesson shaped the fix, and every item updates.
        var since = TimeProvider.System.GetLocalNow().DateTime;
        clock.Skip(GeviRateWindow); // the refreshes so far count no more against the site's limit
        await run.RefreshSectionAsync(1);
        var second = await DiagnoseAsync(run, fetcher, book, since);
        await new DiagnosisVerifier(engine).VerifyAsync(second, 2, TestContext.Current.CancellationToken);
        var pacing = Assert.Single(second.Fixes, f => f.Agents.Contains(Gevi));
        Assert.True(pacing.Verification!.Applicable, pacing.Verification.Reason);
        Assert.Contains(pacing.ExpectedResults, r => r.Metric == "http.429");
        Assert.Contains(PlaybookReflection.PaceUnblockedSitesId, pacing.LessonsApplied);
        var paced = await engine.ApplyPatchAsync(new ChangeRequest { FixId = pacing.Id, Iteration = 2, Patch = PatchBytes.From(pacing.Patch!) }, TestContext.Current.CancellationToken);
        Assert.True(paced.Applied, paced.Message);
        await run.RestartPluginAsync(Gevi);
        clock.Skip(GeviRateWindow);
        await run.RefreshSectionAsync(1);
        Assert.True(Updated(run) >= 34, $"updated after pacing: {Updated(run)} of {run.Host.Library.Items.Count()}");
    }

    [Fact]
    public async Task DemoWithPacingLesson_TheForbiddenFixAlsoPacesAndListsTheLesson()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        using var fetcher = await BoxPages.CreateAsync(run.Host);
        await run.RefreshSectionAsync(1);
        var lessons = LessonBook.Parse("## diagnose\n- **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace-unblocked-sites`, score 2, tags: http, 429, pacing)\n");

        var report = await DiagnoseAsync(run, fetcher, lessons);

        var fix = Assert.Single(report.Fixes, f => f.Agents.Contains(Gevi));
        Assert.Equal(["diagnose-pace-unblocked-sites"], fix.LessonsApplied);
        Assert.All(fix.Patch!.Edits, e => Assert.Contains("sleep=", e.New, StringComparison.Ordinal));
    }

    private static async Task<DiagnosticReport> DiagnoseAsync(SandboxRun run, PageFetcher fetcher, LessonBook lessons, DateTime? since = null)
    {
        var aggregation = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = run.LogsDir, CollectSessions = true, Since = since }, cancellationToken: TestContext.Current.CancellationToken);
        var brain = new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher });
        return await brain.DiagnoseAsync(new DiagnosisRequest
        {
            Aggregation = aggregation,
            Digest = "",
            PluginsDir = run.Host.Connection.PluginsDir,
            LogsDir = run.LogsDir,
            Lessons = lessons,
        }, TestContext.Current.CancellationToken);
    }

    private static double Per100(SandboxRun run, string agent, string status, DateTime? since, DateTime? until)
    {
        var counts = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = run.LogsDir, Since = since, Until = until, Agents = [agent] }, cancellationToken: TestContext.Current.CancellationToken).Metrics.Agents[agent];
        return counts.Started == 0 ? 0 : counts.HttpErrors.GetValueOrDefault(status) * 100.0 / counts.Started;
    }

    private static int Updated(SandboxRun run) => run.Host.Library.Items.Count(i => i.LastRefresh == RefreshOutcome.Updated);

    private static string Describe(DiagnosticReport report) => DiagnosticReportWriter.ToMarkdown(report);
}

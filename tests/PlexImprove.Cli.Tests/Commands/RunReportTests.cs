using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Cli.Tests.Changes;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Figures;
using PlexImprove.Loop.State;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// What an admin reads at the end of a run and in <c>status</c>: each fix left in place with its diff and the commands
/// that undo it (which are then run as printed), each rollback with why, and figures that agree everywhere.
/// </summary>
public sealed class RunReportTests
{
    private const string Target = "Agent.bundle/Contents/Code/__init__.py";

    private static CliHarness WithAppliedFix()
    {
        var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Info.plist", "<plist><dict>\n<key>CFBundleIdentifier</key>\n<string>com.plexapp.agents.Agent</string>\n</dict></plist>\n");
        cli.Write(Target, "x = 1\ny = 1\n");
        return cli;
    }

    private static string Edit(string search, string replace) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file = Target, search, replace } } });

    private static LoopState State(CliHarness cli, params FixRecord[] fixes)
    {
        var state = new LoopState
        {
            Brain = "playbook",
            PluginsDir = cli.Plugins,
            LogsDir = Path.Combine(cli.Folder, "logs"),
            PlexUrl = "http://127.0.0.1:32400",
            StartedAt = DateTimeOffset.UnixEpoch,
            Status = LoopStatus.Finished,
            Baseline = new MetricsSnapshot { Overall = AgentRate.Of(8, 43, 0) },
            Current = new MetricsSnapshot { Overall = AgentRate.Of(46, 62, 1) },
            Final = new MetricsSnapshot { Overall = AgentRate.Of(78, 78, 1) },
            ExitCondition = "target",
            ExitReason = "Success 46/62 reached the target of 70%.",
        };
        state.History.Add(new IterationRecord { Iteration = 1, Succeeded = 46, Started = 62, SuccessRate = 46.0 / 62 });
        state.Fixes.AddRange(fixes);
        return state;
    }

    [Fact]
    public async Task KeptFix_StatusShowsItsDiff_AndItsUndoCommandRunsAsPrinted()
    {
        using var cli = WithAppliedFix();
        Assert.Equal(0, (await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "f1", "--patch", cli.WritePatch(Edit("x = 1", "x = 2")))).ExitCode);
        var state = State(cli, new FixRecord { Id = "f1", Iteration = 1, Title = "Set x", Agents = ["com.plexapp.agents.Agent"], Status = FixState.Kept, Files = [Target] });

        var status = StatusCommand.Render(state, cli.Work);

        Assert.Contains($"--- a/{Target}\n+++ b/{Target}", status, StringComparison.Ordinal);
        Assert.Contains("-x = 1\n+x = 2\n y = 1", status, StringComparison.Ordinal);
        var rollback = status.Split('\n').Single(l => l.StartsWith("plex-improve rollback ", StringComparison.Ordinal));
        Assert.Equal($"plex-improve rollback --fix-id f1 --work {cli.Work} --plugins {cli.Plugins}", rollback);
        Assert.Contains("plex-improve restart --url http://127.0.0.1:32400 --plugins " + cli.Plugins + " --plugin com.plexapp.agents.Agent", status, StringComparison.Ordinal);

        // Pasted: the words after the program name, as the shell would split them (the paths need no quoting here).
        var undone = await cli.RunAsync(rollback.Split(' ')[1..]);

        Assert.Equal(0, undone.ExitCode);
        Assert.Equal("x = 1\ny = 1\n", cli.Read(Target));
    }

    [Fact]
    public async Task RolledBackFix_ReportSaysWhy_WithItsTestReport()
    {
        using var cli = WithAppliedFix();
        var iteration = Directory.CreateDirectory(Path.Combine(cli.Work, "iteration_1")).FullName;
        await File.WriteAllTextAsync(Path.Combine(iteration, "test_report_f2.md"), "# Test report: f2\n\nAEBN: 1 of 4 items matched.\n", TestContext.Current.CancellationToken);
        var state = State(cli, new FixRecord
        {
            Id = "f2", Iteration = 1, Title = "Send headers", Agents = ["com.plexapp.agents.Agent"], Status = FixState.RolledBack,
            Reason = "Success 1/4 = 25% is below 50%.", TestReport = "iteration_1/test_report_f2.json",
        });

        var report = PlexImprove.Loop.Reports.FinalReportWriter.Render(cli.Work, state, new DecisionLog(), PlexImprove.Agent.Lessons.LessonBook.Empty, 0.9);

        Assert.Contains("### f2 — rolled back (iteration 1)", report, StringComparison.Ordinal);
        Assert.Contains("Why: Success 1/4 = 25% is below 50%.", report, StringComparison.Ordinal);
        Assert.Contains("AEBN: 1 of 4 items matched.", report, StringComparison.Ordinal);
        Assert.Contains("#### Test report: f2", report, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFigure_IsWrittenTheSameWay_InTheSummaryStatusAndReport()
    {
        using var cli = WithAppliedFix();
        var state = State(cli);
        var reportPath = Path.Combine(cli.Work, "final_improvement_report.md");

        var summary = LoopSummaryRenderer.Render(new LoopResult(state, reportPath, ""));
        var status = StatusCommand.Render(state, cli.Work);
        var report = PlexImprove.Loop.Reports.FinalReportWriter.Render(cli.Work, state, new DecisionLog(), PlexImprove.Agent.Lessons.LessonBook.Empty, 0.9);

        const string headline = "baseline 8/43 = 18.6% → final 78/78 = 100%";
        Assert.Contains("Success of the targeted agents: " + headline, summary, StringComparison.Ordinal);
        Assert.Contains("Success of the targeted agents: " + headline, status, StringComparison.Ordinal);
        Assert.Contains("8/43 = 18.6%", report, StringComparison.Ordinal);
        Assert.Matches(@"\nall +8/43 = 18\.6% +78/78 = 100%", summary);
        Assert.Matches(@"\niteration 1 \|#+ *\| 46/62 = 74\.2%", summary);
        Assert.Contains("iteration 1: 46/62 = 74.2%", status, StringComparison.Ordinal);
        Assert.Contains("| 1 | 46/62 = 74.2% |", report, StringComparison.Ordinal);
        Assert.Contains(SuccessFigures.Rule, report, StringComparison.Ordinal);
    }

    [Fact]
    public void IterationFigure_LeavesOutTheLinesOfARolledBackFix_Only()
    {
        var since = new DateTime(2026, 2, 5, 14, 0, 0);
        var fixes = new[]
        {
            new FixRecord { Id = "undone", Iteration = 1, Title = "t", Agents = ["com.plexapp.agents.AEBN"], Status = FixState.RolledBack, AppliedAt = since.AddMinutes(1), RolledBackAt = since.AddMinutes(3) },
            new FixRecord { Id = "kept", Iteration = 1, Title = "t", Agents = ["com.plexapp.agents.GEVI"], Status = FixState.Kept, AppliedAt = since.AddMinutes(4) },
        };

        var windows = SuccessFigures.IterationWindows(since, fixes, since.AddMinutes(10));

        var aebn = Assert.Single(windows).Value;
        Assert.Equal(since, aebn.Since);
        Assert.True(aebn.IsExcluded(since.AddMinutes(2)));
        Assert.False(aebn.IsExcluded(since.AddMinutes(5)));
    }

    [Fact]
    public async Task Status_LockOfADeadProcess_IsReportedAsStale_WithTheCommandThatContinues()
    {
        using var cli = WithAppliedFix();
        var state = State(cli);
        state.Status = LoopStatus.Running;
        state.ResumeCommand = "plex-improve demo --resume --work " + cli.Work;
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        await gone.WaitForExitAsync(TestContext.Current.CancellationToken);
        Directory.CreateDirectory(cli.Work);
        await File.WriteAllTextAsync(Path.Combine(cli.Work, WorkFolderLock.FileName), gone.Id + "\n", TestContext.Current.CancellationToken);

        var status = StatusCommand.Render(state, cli.Work);

        Assert.Contains($"Stale lock: process {gone.Id}", status, StringComparison.Ordinal);
        Assert.DoesNotContain("which is running", status, StringComparison.Ordinal);
        Assert.Contains("Continue with: plex-improve demo --resume --work " + cli.Work, status, StringComparison.Ordinal);
        using var taken = WorkFolderLock.Acquire(cli.Work);
        Assert.True(taken.TookOverStaleLock);
    }

    [Fact]
    public async Task PlainStatus_ShowsTheLatestRun_DemoRunsIncluded()
    {
        using var cli = WithAppliedFix();
        var older = Path.Combine(cli.Work, "run1");
        var demo = Path.Combine(cli.Work, "demo-20261207_010000");
        new LoopStateStore(older).Save(State(cli));
        new LoopStateStore(demo).Save(State(cli));
        File.SetLastWriteTimeUtc(Path.Combine(older, LoopStateStore.StateFile), DateTime.UtcNow.AddHours(-1));

        var status = await cli.RunAsync("status");

        Assert.Equal(0, status.ExitCode);
        Assert.StartsWith($"Run in {demo}: finished", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunResume_OnADemoFolder_ExitsTwoNamingTheDemoResumeCommand()
    {
        using var cli = WithAppliedFix();
        var demo = Path.Combine(cli.Work, "demo-20261207_010000");
        new LoopStateStore(demo).Save(State(cli));
        Directory.CreateDirectory(Path.Combine(demo, DemoRunner.SandboxFolder));

        var run = await cli.RunAsync("run", "--resume", "--work", demo);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Continue it with: plex-improve demo --resume --work {demo}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlC_PrintsTheCommandThatResumes_AndStillEndsCancelled()
    {
        using var cli = WithAppliedFix();
        var error = new StringWriter();
        var context = new CliContext { Settings = new AppSettings(), Secrets = new Secrets(new Dictionary<string, string>()), HomeDir = cli.Folder, Out = new StringWriter(), Error = error };
        var paused = State(cli);
        paused.Status = LoopStatus.Paused;
        paused.ResumeCommand = "plex-improve demo --resume --work " + cli.Work;

        // What the loop does on Ctrl+C: save the run as paused, then let the cancellation through.
        await Assert.ThrowsAsync<OperationCanceledException>(() => LoopHosting.RunAsync(context, cli.Work, json: false, () =>
        {
            new LoopStateStore(cli.Work).Save(paused);
            throw new OperationCanceledException();
        }));

        Assert.Contains("The run is saved. Continue it with: plex-improve demo --resume --work " + cli.Work, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WhatRemains_NamesEachFailingAgentsSignatures_AndWhyNoFixCoversThem()
    {
        using var cli = WithAppliedFix();
        var iteration = Directory.CreateDirectory(Path.Combine(cli.Work, "iteration_1")).FullName;
        File.WriteAllText(Path.Combine(iteration, "metrics.json"), PlexImprove.Core.Metrics.MetricsJson.Serialize(new PlexImprove.Core.Metrics.MetricsDocument
        {
            LogsDir = "/logs",
            Window = new PlexImprove.Core.Metrics.AggregationWindow(),
            Files = [],
            Totals = new PlexImprove.Core.Metrics.Counts(),
            Agents = new SortedDictionary<string, PlexImprove.Core.Metrics.Counts>(StringComparer.Ordinal),
            Signatures =
            [
                new PlexImprove.Core.Signatures.SignatureSummary { Id = "exception-1", Kind = "exception", Text = "IndexError: list index out of range", Count = 3, Agents = ["com.plexapp.agents.GayEmpire"], Example = "…" },
            ],
        }));
        File.WriteAllText(Path.Combine(iteration, "diagnostic_report.json"), PlexImprove.Agent.Diagnosis.DiagnosticReportJson.Serialize(new PlexImprove.Agent.Diagnosis.DiagnosticReport
        {
            Brain = "playbook",
            Fixes = [],
            Uncovered = [new PlexImprove.Agent.Diagnosis.UncoveredSignature { SignatureId = "exception-1", Text = "IndexError", Reason = "the page could not be fetched" }],
        }));
        var state = State(cli);
        state.Final!.Agents["com.plexapp.agents.GayEmpire"] = AgentRate.Of(5, 8, 1);

        var report = PlexImprove.Loop.Reports.FinalReportWriter.Render(cli.Work, state, new DecisionLog(), PlexImprove.Agent.Lessons.LessonBook.Empty, 0.9);

        Assert.Contains("- still failing: com.plexapp.agents.GayEmpire — 3 of 8 sessions failed (62.5% succeeded).", report, StringComparison.Ordinal);
        Assert.Contains("  - 3× `exception-1` IndexError: list index out of range: no fix — the page could not be fetched", report, StringComparison.Ordinal);
    }
}

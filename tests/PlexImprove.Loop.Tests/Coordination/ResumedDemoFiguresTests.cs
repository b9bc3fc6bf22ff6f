using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Figures;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>
/// The demo stopped (as by Ctrl+C) three times at different phases and resumed each time: the figures the run ends
/// with are one set — one record per iteration, the exit reason quoting the last iteration's figure, the report's
/// headline, table and chart rows written from the same counts.
/// </summary>
public sealed class ResumedDemoFiguresTests
{
    [Fact]
    public async Task Demo_StoppedAndResumedThreeTimes_EndsWithFiguresThatAgreeEverywhere()
    {
        using var work = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        string[] stopAt = ["phase Diagnose", "phase PostMortem", "phase Final"];
        for (int i = 0; i < stopAt.Length; i++)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stop = stopAt[i];
            var observer = new RecordingObserver(line => line.Contains(stop, StringComparison.Ordinal), cancel);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DemoRunner.RunAsync(DemoLoopTests.Options(work.Path, observer, resume: i > 0), cancel.Token));
            Assert.Equal(LoopStatus.Paused, new LoopStateStore(work.Path).Load()!.Status);
        }

        var result = await DemoRunner.RunAsync(DemoLoopTests.Options(work.Path, new RecordingObserver(), resume: true), ct);

        var state = result.State;
        var report = await File.ReadAllTextAsync(result.ReportPath, ct);
        Assert.Equal(LoopStatus.Finished, state.Status);
        Assert.Equal(state.History.Count, state.History.Select(h => h.Iteration).Distinct().Count());
        var last = state.History[^1];
        var lastFigure = SuccessFigures.Format(AgentRate.Of(last.Succeeded, last.Started, last.Iteration));
        if (state.ExitCondition == "target")
        {
            Assert.Contains(lastFigure, state.ExitReason, StringComparison.Ordinal);
        }

        Assert.Contains($"| {last.Iteration} | {lastFigure} |", report, StringComparison.Ordinal);
        Assert.Contains($"{SuccessFigures.Format(state.Baseline!.Overall)} [", report, StringComparison.Ordinal);
        Assert.Contains($"→ {SuccessFigures.Format(state.Final!.Overall)} [", report, StringComparison.Ordinal);
        Assert.Equal(state.Final.Agents.Values.Sum(a => a.Succeeded), state.Final.Overall.Succeeded);
        Assert.Equal(state.Final.Agents.Values.Sum(a => a.Started), state.Final.Overall.Started);
        Assert.Equal(SuccessFigures.Of(state).Select(f => f.Label), ["baseline", .. state.History.Select(h => $"iteration {h.Iteration}"), "final"]);
    }
}

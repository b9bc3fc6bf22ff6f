using PlexImprove.Loop.Figures;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>
/// The demo interrupted four times (three stops as by Ctrl+C, one hard kill of the real program with a fix applied but
/// not tested) and resumed each time: nothing is lost or corrupt, and the run ends with one consistent set of figures.
/// The uninterrupted demo is proven by the command-line tests, through the program as a user starts it.
/// </summary>
public sealed class InterruptedDemoTests(InterruptedDemoRun run) : IClassFixture<InterruptedDemoRun>
{
    [Fact]
    public async Task DemoKilledWithAFixAppliedButNotTested_ResumesToTheEnd_WithNoCorruptFileNoLostDecisionAndNoPluginLeft()
    {
        Assert.Empty(run.UnreadableAfterKill);
        string fixInFlight = run.AtKill.CurrentFix!;
        Assert.Equal(FixState.Pending, run.AtKill.Fixes.Single(f => f.Id == fixInFlight).Status);

        Assert.True(run.LastResume.ExitCode == 0, $"exit {run.LastResume.ExitCode}\n{run.LastResume.Output}");
        Assert.Equal(LoopStatus.Finished, run.Final.Status);
        Assert.Contains(run.Final.Fixes.Single(f => f.Id == fixInFlight).Status, new[] { FixState.Kept, FixState.Monitor, FixState.RolledBack });
        Assert.True(File.Exists(Path.Combine(run.Work, $"iteration_{run.AtKill.Iteration}", $"test_report_{fixInFlight}.json")));
        var before = run.DecisionsAtKill.Select(d => (d.Phase, d.What, d.FixId, d.Rationale)).ToList();
        var after = run.Store.LoadDecisions().Decisions.Select(d => (d.Phase, d.What, d.FixId, d.Rationale)).ToList();
        Assert.Equal(before, after.Take(before.Count));
        Assert.Contains(after.Skip(before.Count), d => d.Phase == "resume");
        Assert.Empty(run.UnreadableJson());
        await Eventually.TrueAsync(() => PythonProcessesUnder(run.Work).Count == 0, "every Python process of the sandbox ended (their stdin closes with the program)", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Demo_StoppedAndResumedThreeTimes_EndsWithFiguresThatAgreeEverywhere()
    {
        Assert.Equal([LoopStatus.Paused, LoopStatus.Paused, LoopStatus.Paused], run.StatusAfterEachStop);
        var state = run.Final;
        Assert.Equal(LoopStatus.Finished, state.Status);
        Assert.Equal(state.History.Count, state.History.Select(h => h.Iteration).Distinct().Count());
        var last = state.History[^1];
        var lastFigure = SuccessFigures.Format(AgentRate.Of(last.Succeeded, last.Started, last.Iteration));
        if (state.ExitCondition == "target")
        {
            Assert.Contains(lastFigure, state.ExitReason, StringComparison.Ordinal);
        }

        Assert.Contains($"| {last.Iteration} | {lastFigure} |", run.Report, StringComparison.Ordinal);
        Assert.Contains($"{SuccessFigures.Format(state.Baseline!.Overall)} [", run.Report, StringComparison.Ordinal);
        Assert.Contains($"→ {SuccessFigures.Format(state.Final!.Overall)} [", run.Report, StringComparison.Ordinal);
        Assert.Equal(state.Final.Agents.Values.Sum(a => a.Succeeded), state.Final.Overall.Succeeded);
        Assert.Equal(state.Final.Agents.Values.Sum(a => a.Started), state.Final.Overall.Started);
        Assert.Equal(SuccessFigures.Of(state).Select(f => f.Label), ["baseline", .. state.History.Select(h => $"iteration {h.Iteration}"), "final"]);
    }

    private static List<int> PythonProcessesUnder(string work)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                string cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget ?? "";
                if (cmdline.Contains("python", StringComparison.OrdinalIgnoreCase) && (cmdline.Contains(work, StringComparison.Ordinal) || cwd.StartsWith(work, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was looked at, or belongs to another user.
            }
        }

        return found;
    }
}

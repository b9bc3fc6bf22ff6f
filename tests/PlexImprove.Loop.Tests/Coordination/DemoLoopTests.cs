using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>The demo end to end: Plex in a box, real Python 2.7 agents, the playbook brain, the whole loop.</summary>
public sealed class DemoLoopTests
{
    public static string DemoRoot => Path.Combine(AppContext.BaseDirectory, "scenarios", "demo");

    [Fact]
    public async Task Demo_WithThePlaybook_RaisesSuccessFromTheBaselineToTheTargetWithinTwoIterations()
    {
        using var work = new TempDirectory();
        var observer = new RecordingObserver();

        var result = await DemoRunner.RunAsync(Options(work.Path, observer), TestContext.Current.CancellationToken);

        var state = result.State;
        string story = string.Join("\n", observer.Events) + "\n" + File.ReadAllText(result.ReportPath);
        Assert.Equal(LoopStatus.Finished, state.Status);
        Assert.True(state.Baseline!.Overall.Rate <= 0.30, story);
        Assert.True(state.Final!.Overall.Rate >= 0.85, story);
        Assert.True(state.History.Count <= 2, story);
        Assert.Contains(state.Fixes, f => f.Status == FixState.Kept);
        foreach (var file in new[] { "loop_state.json", "decision_log.json", "final_improvement_report.md", "success_per_iteration.svg", "lessons_learned.md",
                     "iteration_1/metrics.json", "iteration_1/aggregated_logs.md", "iteration_1/diagnostic_report.json", "iteration_1/diagnostic_report.md",
                     "iteration_1/implementation_log.json", "iteration_1/post_mortem_analysis.md", "iteration_1/post_mortem_analysis.json", "iteration_1/lessons_learned.md" })
        {
            Assert.True(File.Exists(Path.Combine(work.Path, file)), file + "\n" + story);
        }
    }

    internal static DemoOptions Options(string work, RecordingObserver observer, bool resume = false) => new()
    {
        WorkDir = work,
        ScenarioRoot = DemoRoot,
        Python = TestPython.RuntimeAsync().GetAwaiter().GetResult(),
        Brain = (fetcher, _, _) => new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher }),
        Resume = resume,
        ResumeCommand = "plex-improve demo --resume",
        Observers = [observer],
    };
}

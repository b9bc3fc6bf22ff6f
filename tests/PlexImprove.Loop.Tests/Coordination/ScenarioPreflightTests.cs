using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>
/// The text and JSON rules against real Python 2.7 agents: each candidate is pre-flighted in a scratch box on the
/// failing items the logs name, and the one proposed made those items match there before it reached the box's plug-in.
/// One run per scenario (a whole loop): the only place the rules' patches meet the Framework runtime and the fake sites.
/// </summary>
public sealed class ScenarioPreflightTests
{
    [Theory]
    [InlineData("world-cinema", "text-encoding-kinorama")]
    [InlineData("api-drift", "json-fields-anishelf")]
    public async Task RulesCandidate_MakesTheFailingItemsMatchInTheScratchBox_AndTheLiveTestKeepsIt(string scenario, string fixId)
    {
        using var work = new TempDirectory();
        var observer = new RecordingObserver();

        var result = await DemoRunner.RunAsync(new DemoOptions
        {
            WorkDir = work.Path,
            ScenarioRoot = Path.Combine(AppContext.BaseDirectory, "scenarios", scenario),
            Python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken),
            Brain = (fetcher, _, _) => new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher }),
            ResumeCommand = "plex-improve demo --resume",
            Observers = [observer],
        }, TestContext.Current.CancellationToken);

        var state = result.State;
        string story = string.Join("\n", observer.Events) + "\n" + File.ReadAllText(result.ReportPath);
        var fix = Assert.Single(state.Fixes, f => f.Id == fixId);
        Assert.Equal(FixState.Kept, fix.Status);
        Assert.NotNull(fix.Preflight);
        Assert.True(fix.Preflight.Tried > 0 && fix.Preflight.Matched == fix.Preflight.Tried, fix.Preflight.Summary + "\n" + story);
        Assert.True(state.Final!.Overall.Rate >= 0.95, story);
        Assert.True(state.History.Count <= 2, story);
    }
}

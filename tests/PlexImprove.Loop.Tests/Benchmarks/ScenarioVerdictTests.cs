using PlexImprove.Loop.Benchmarks;

namespace PlexImprove.Loop.Tests.Benchmarks;

/// <summary>The target of <c>bench scenarios</c>, judged on a run's figures alone: matched share, iterations, loop time.</summary>
public sealed class ScenarioVerdictTests
{
    [Fact]
    public void Judge_AllItemsMatchedInOneIterationUnderAMinute_Passes()
    {
        var verdict = ScenarioVerdict.Judge(Run((0, 8, 8, 8), (4, 4, 4, 4)), ScenarioTarget.Default);

        Assert.True(verdict.Passed);
        Assert.Empty(verdict.Misses);
    }

    [Fact]
    public void Judge_ExactlyNinetyFivePercentTwoIterationsTwoMinutes_PassesOnEveryBoundary()
    {
        var verdict = ScenarioVerdict.Judge(Run((0, 20, 19, 20)) with { Iterations = 2, LoopTime = TimeSpan.FromMinutes(2) }, ScenarioTarget.Default);

        Assert.True(verdict.Passed, string.Join("; ", verdict.Misses));
    }

    [Fact]
    public void Judge_MatchedShareIsCountedOverEveryAgentsItems_NotAveragedPerAgent()
    {
        // 1/2 and 38/38: the per-agent average is 75%, the items 39/40 = 97.5%.
        var verdict = ScenarioVerdict.Judge(Run((0, 2, 1, 2), (0, 38, 38, 38)), ScenarioTarget.Default);

        Assert.True(verdict.Passed, string.Join("; ", verdict.Misses));
    }

    [Fact]
    public void Judge_EachMiss_IsNamedWithItsFigures()
    {
        var run = Run((0, 36, 33, 36)) with { Iterations = 3, LoopTime = TimeSpan.FromSeconds(121.5) };

        var verdict = ScenarioVerdict.Judge(run, ScenarioTarget.Default);

        Assert.False(verdict.Passed);
        Assert.Equal(["matched 33/36 (91.7%) < 95%", "3 iterations > 2", "loop took 121.5 s > 120 s"], verdict.Misses);
    }

    [Fact]
    public void Judge_NoItemJudged_MissesRatherThanPassingOnNothing()
    {
        var verdict = ScenarioVerdict.Judge(Run(), ScenarioTarget.Default);

        Assert.False(verdict.Passed);
        Assert.Equal(["the fresh refresh judged no item of a repairable agent"], verdict.Misses);
    }

    [Fact]
    public void Judge_BaselineFigures_DoNotCount_OnlyTheFreshRefreshAfterTheRun()
    {
        var verdict = ScenarioVerdict.Judge(Run((10, 10, 5, 10)), ScenarioTarget.Default);

        Assert.Equal(["matched 5/10 (50.0%) < 95%"], verdict.Misses);
    }

    [Fact]
    public void Judge_AnAgentOutOfReachByDesign_IsLeftOutOfTheShare_WhenTheLoopDeclaredItUnfixable()
    {
        // A0 is behind a challenge page: 0/4 is expected; A1 12/12 is what the target judges.
        var run = Run((0, 4, 0, 4), (0, 12, 12, 12)) with
        {
            OutOfReach = new Dictionary<string, string> { ["com.plexapp.agents.A0"] = "challenge page" },
            DeclaredUnfixable = new Dictionary<string, string> { ["com.plexapp.agents.A0"] = "not fixable offline" },
        };

        var verdict = ScenarioVerdict.Judge(run, ScenarioTarget.Default);

        Assert.True(verdict.Passed, string.Join("; ", verdict.Misses));
        Assert.Equal((12, 12), (run.ReachableMatched, run.ReachableItems));
    }

    [Fact]
    public void Judge_AnAgentOutOfReachByDesign_ThatTheLoopDidNotRecognise_IsAMiss()
    {
        var run = Run((0, 4, 0, 4), (0, 12, 12, 12)) with { OutOfReach = new Dictionary<string, string> { ["com.plexapp.agents.A0"] = "challenge page" } };

        var verdict = ScenarioVerdict.Judge(run, ScenarioTarget.Default);

        Assert.Equal(["com.plexapp.agents.A0 cannot be repaired from here, but the loop did not declare it unfixable"], verdict.Misses);
    }

    [Fact]
    public void Judge_AnAgentTheLoopCalledUnfixable_StillCounts_WhenTheScenarioSaysItCanBeRepaired()
    {
        // Giving up on an agent does not take its items out of the target: only the scenario's ground truth does.
        var run = Run((0, 4, 0, 4), (0, 12, 12, 12)) with { DeclaredUnfixable = new Dictionary<string, string> { ["com.plexapp.agents.A0"] = "nothing applies" } };

        var verdict = ScenarioVerdict.Judge(run, ScenarioTarget.Default);

        Assert.Equal(["matched 12/16 (75.0%) < 95%"], verdict.Misses);
    }

    private static ScenarioRun Run(params (int BaselineMatched, int BaselineItems, int FinalMatched, int FinalItems)[] agents) => new()
    {
        Scenario = "fixture",
        Agents = [.. agents.Select((a, i) => new AgentMatches("com.plexapp.agents.A" + i, a.BaselineMatched, a.BaselineItems, a.FinalMatched, a.FinalItems))],
        Iterations = 1,
        ExitCondition = "target",
        LoopTime = TimeSpan.FromSeconds(40),
        TotalTime = TimeSpan.FromSeconds(50),
        WorkDir = "/runs/fixture",
    };
}

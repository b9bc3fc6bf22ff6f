using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using static PlexImprove.Loop.Tests.Support.AebnTitleFix;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>The coordinator against Plex in a box when the one fix on offer stops the AEBN plug-in from loading (one shared run).</summary>
public sealed class LoadingBreakingFixTests(RolledBackLoadingFixRun run) : IClassFixture<RolledBackLoadingFixRun>
{
    [Fact]
    public void FixThatBreaksPluginLoading_IsRolledBackAutomatically()
    {
        var fix = Assert.Single(run.Result.State.Fixes);
        Assert.Equal(FixState.RolledBack, fix.Status);
        Assert.Contains("did not load", fix.Reason, StringComparison.Ordinal);
        Assert.Equal(run.OriginalCode, run.FinalCode);
        Assert.Equal(ExitCondition.NothingLeft, run.Result.State.ExitCondition);
        Assert.Contains(new LoopStateStore(run.Work).LoadDecisions().Decisions, d => d.What == "rolled back" && d.FixId == RolledBackLoadingFixRun.FixId);
        Assert.Contains("did not load", File.ReadAllText(Path.Combine(run.Work, "iteration_1", "post_mortem_analysis.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void AfterARollback_TheNextDiagnosisSeesTheAgentsOwnFailures_NotTheLinesOfTheUndoneChange()
    {
        var diagnoses = run.Brain.Diagnoses;
        Assert.Equal(2, diagnoses.Count);
        var (first, second) = (diagnoses[0].Aggregation.Metrics, diagnoses[1].Aggregation.Metrics);
        Assert.True(first.Agents[Aebn].Started > first.Agents[Aebn].Succeeded);
        Assert.Equal((first.Agents[Aebn].Started, first.Agents[Aebn].Succeeded), (second.Agents[Aebn].Started, second.Agents[Aebn].Succeeded));
        Assert.DoesNotContain(second.Signatures, s => s.Text.Contains("plexbox_helper_that_does_not_exist", StringComparison.Ordinal));
        var own = second.Window.Agents![Aebn];
        var undone = Assert.Single(own.Excluded);
        var fix = Assert.Single(run.Result.State.Fixes);
        Assert.Equal((fix.AppliedAt, fix.RolledBackAt), (undone.From, undone.Until));
        Assert.Contains("its own window", diagnoses[1].Digest, StringComparison.Ordinal);
    }
}

using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Loop.Preflight;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using static PlexImprove.Loop.Tests.Support.AebnTitleFix;

namespace PlexImprove.Loop.Tests.Preflight;

/// <summary>The loop with pre-flight against the demo box's AEBN agent: fixes run on a scratch copy before they reach Plex.</summary>
public sealed class PreflightLoopTests
{
    [Fact]
    public async Task FixThatMakesNoFailingItemMatch_IsNeverApplied_AndIsReportedWithItsPreflight()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var original = File.ReadAllBytes(sandbox.Code("AEBN"));
        var harmless = ScriptedBrain.Edit("aebn-noop", Aebn, AebnCode, TitleLine, "    # normalised below\n" + TitleLine);
        await using var preflight = sandbox.ScratchPreflight();

        var result = await (await sandbox.PreflightedCoordinatorAsync(new ScriptedBrain([harmless]), Aebn, preflight)).RunAsync(TestContext.Current.CancellationToken);

        var fix = Assert.Single(result.State.Fixes);
        Assert.Equal(FixState.NotApplicable, fix.Status);
        Assert.NotNull(fix.Preflight);
        Assert.Equal(0, fix.Preflight.Matched);
        Assert.True(fix.Preflight.Tried > 0);
        Assert.StartsWith("Not applied: preflight: 0/", fix.Reason, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(sandbox.Code("AEBN")));
        Assert.Null(fix.AppliedAt);
        Assert.Empty(ChangeEngine.ListBackups(new WorkFolder(work.Path), new PluginsRoot(sandbox.PluginsDir)));
        var saved = PreflightGate.Read(Path.Combine(work.Path, "iteration_1"), "aebn-noop");
        Assert.NotNull(saved);
        Assert.All(Assert.Single(saved).Items, i => Assert.NotEqual(PreflightItemOutcome.Matched, i.Outcome));
        Assert.Contains(new LoopStateStore(work.Path).LoadDecisions().Decisions, d => d.What == "preflight" && d.FixId == "aebn-noop");
    }

    [Fact]
    public async Task FixThatMakesFailingItemsMatch_IsApplied_WithThePredictionRecorded_EvenFromABundleWithASymlinkLoop()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var bundle = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(sandbox.Code("AEBN"))))!;
        File.CreateSymbolicLink(Path.Combine(bundle, "Contents", "again"), bundle); // followed, the copy would never end
        await using var preflight = sandbox.ScratchPreflight();

        var result = await (await sandbox.PreflightedCoordinatorAsync(new ScriptedBrain([ScriptedBrain.Edit("aebn-titles", Aebn, AebnCode, TitleLine, TitleFix)]), Aebn, preflight))
            .RunAsync(TestContext.Current.CancellationToken);

        var fix = Assert.Single(result.State.Fixes);
        Assert.Equal(FixState.Kept, fix.Status);
        Assert.NotNull(fix.Preflight);
        Assert.True(fix.Preflight.Matched > 0, fix.Preflight.Summary);
        Assert.Matches(@"^preflight: \d+/\d+ failing items now match", fix.Preflight.Summary);
        Assert.Contains("replace(u'\\u2019'", File.ReadAllText(sandbox.Code("AEBN")), StringComparison.Ordinal);
    }
}

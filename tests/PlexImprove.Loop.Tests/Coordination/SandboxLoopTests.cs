using System.Security.Cryptography;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using static PlexImprove.Loop.Tests.Support.AebnTitleFix;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>The coordinator against Plex in a box on the demo's AEBN agent, with fixes written by the test.</summary>
public sealed class SandboxLoopTests
{
    [Theory]
    [InlineData("applied to")]
    [InlineData("active test")]
    public async Task StoppedAtAStep_ResumesToTheSameFinalStateWithoutLosingADecision(string stopAt)
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var brain = new ScriptedBrain([ScriptedBrain.Edit("aebn-titles", Aebn, AebnCode, TitleLine, TitleFix)]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var first = await sandbox.CoordinatorAsync(brain, Aebn, observers: new RecordingObserver(e => e.Contains(stopAt, StringComparison.Ordinal), stop));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.RunAsync(stop.Token));
        var store = new LoopStateStore(work.Path);
        var paused = store.Load()!;
        var decisionsBefore = store.LoadDecisions().Decisions.Select(d => d.Rationale).ToList();
        Assert.Equal(LoopStatus.Paused, paused.Status);
        Assert.Equal("aebn-titles", paused.CurrentFix);

        var resumed = await (await sandbox.CoordinatorAsync(brain, Aebn, resume: true)).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(LoopStatus.Finished, resumed.State.Status);
        var fix = Assert.Single(resumed.State.Fixes);
        Assert.Equal(FixState.Kept, fix.Status);
        Assert.Contains("replace(u'\\u2019'", File.ReadAllText(sandbox.Code("AEBN")), StringComparison.Ordinal);
        var decisionsAfter = store.LoadDecisions().Decisions.Select(d => d.Rationale).ToList();
        Assert.Equal(decisionsBefore, decisionsAfter.Take(decisionsBefore.Count));
        Assert.Single(decisionsAfter, d => d.StartsWith("Fix 'aebn-titles' applied", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(work.Path, ".pleximprove-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task KilledInTheMiddleOfAWrite_TheFileIsRepairedFromTheBackupBeforeAnythingElse()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var original = SHA256.HashData(File.ReadAllBytes(sandbox.Code("AEBN")));
        var brain = new ScriptedBrain([ScriptedBrain.Edit("aebn-titles", Aebn, AebnCode, TitleLine, TitleFix)]);
        var crashing = await sandbox.CoordinatorAsync(brain, Aebn, hook: new CrashAt(ChangeStep.TempFileWritten));

        var crash = await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal("killed at " + ChangeStep.TempFileWritten, crash.Message);
        Assert.Equal(original, SHA256.HashData(File.ReadAllBytes(sandbox.Code("AEBN"))));

        var resumed = await (await sandbox.CoordinatorAsync(brain, Aebn, resume: true)).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FixState.Kept, Assert.Single(resumed.State.Fixes).Status);
        Assert.Contains(new LoopStateStore(work.Path).LoadDecisions().Decisions, d => d.What == "repair" && d.FixId == "aebn-titles");
    }

    [Fact]
    public async Task ASecondRunOnTheSameWorkFolder_IsRefused()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var brain = new ScriptedBrain();
        using var firstRun = WorkFolderLock.Acquire(work.Path);

        var locked = await Assert.ThrowsAsync<WorkFolderLockedException>(async () => await (await sandbox.CoordinatorAsync(brain, Aebn)).RunAsync(TestContext.Current.CancellationToken));
        Assert.StartsWith($"Another plex-improve run (process {Environment.ProcessId}) is working on ", locked.Message, StringComparison.Ordinal);
        firstRun.Dispose();
        new LoopStateStore(work.Path).Save(State.LoopStateStoreTests.NewState());
        var error = await Assert.ThrowsAsync<IncompatibleWorkFolderException>(async () => await (await sandbox.CoordinatorAsync(brain, Aebn)).RunAsync(TestContext.Current.CancellationToken));
        Assert.Contains("--resume", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_ValidatesEveryPatchOnAScratchCopy_AndWritesNothingToThePlugins()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        await sandbox.RefreshSectionAsync("2");
        var scratch = Path.Combine(work.Path, "scratch");
        foreach (var file in Directory.EnumerateFiles(sandbox.PluginsDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(scratch, Path.GetRelativePath(sandbox.PluginsDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var original = File.ReadAllBytes(sandbox.Code("AEBN"));
        var brain = new ScriptedBrain([
            ScriptedBrain.Edit("aebn-titles", Aebn, AebnCode, TitleLine, TitleFix),
            ScriptedBrain.Edit("does-not-fit", Aebn, AebnCode, "no such line\n", "x\n"),
        ]);

        var result = await (await sandbox.DryRunCoordinatorAsync(brain, Aebn, scratch)).RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ExitCondition.DryRun, result.State.ExitCondition);
        Assert.Equal(FixState.Pending, result.State.Fixes.Single(f => f.Id == "aebn-titles").Status);
        Assert.Equal(FixState.NotApplicable, result.State.Fixes.Single(f => f.Id == "does-not-fit").Status);
        Assert.Equal(original, File.ReadAllBytes(sandbox.Code("AEBN")));
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(scratch, AebnCode)));
        Assert.False(File.Exists(Path.Combine(work.Path, "iteration_1", "implementation_log.json")));
        Assert.True(File.Exists(Path.Combine(work.Path, "iteration_1", "diagnostic_report.json")));
    }

    /// <summary>Stands for the process dying at a write step: the exception is no I/O error, so nothing cleans up.</summary>
    private sealed class CrashAt(ChangeStep step) : IChangeStepHook
    {
        public void OnStep(ChangeStep current, string relativePath)
        {
            if (current == step)
            {
                throw new InvalidOperationException("killed at " + step);
            }
        }
    }
}

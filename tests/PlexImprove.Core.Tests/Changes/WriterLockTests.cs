using System.Text.Json;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.IO;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

/// <summary>Writers are serialised across sessions and processes: the log keeps every entry, no temporary file is left behind.</summary>
public sealed class WriterLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Edit(string file, string search, string replace) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } });

    [Fact]
    public async Task FourSessionsApplyingFifteenFixesEach_LogEverySixtyFixes_AndLeaveNoTemporaryFile()
    {
        using var fixture = new ChangeFixture();
        fixture.Gate = new NoDelayGate();
        for (int s = 0; s < 4; s++)
        {
            for (int f = 0; f < 15; f++)
            {
                fixture.Write($"S{s}.bundle/Contents/Code/f{f}.py", "x = 1\n");
            }
        }

        // Each session has its own engine, as separate MCP sessions and commands do.
        var sessions = Enumerable.Range(0, 4).Select(s => Task.Run(async () =>
        {
            var engine = fixture.CreateSut();
            for (int f = 0; f < 15; f++)
            {
                await engine.ApplyPatchAsync(ChangeFixture.Request(Edit($"S{s}.bundle/Contents/Code/f{f}.py", "x = 1", "x = 2"), fixId: $"fix-{s}-{f}"), Ct);
            }
        }, Ct));
        await Task.WhenAll(sessions);

        var log = new ImplementationLogStore(new WorkFolder(fixture.WorkPath)).Load(1);
        Assert.Equal(60, log.Fixes.Select(e => e.FixId).Distinct().Count());
        Assert.Empty(Directory.EnumerateFiles(fixture.Folder, AtomicFile.TempPrefix + "*", SearchOption.AllDirectories));
        Assert.All(fixture.CreateSut().ListBackups(), b => Assert.NotEqual(BackupState.ChangedSince, b.State));
    }

    [Fact]
    public async Task SecondWriter_WhileTheFirstHoldsTheFolders_IsRefusedWithNothingWritten()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "x = 1\n");
        var root = new PluginsRoot(fixture.Plugins);
        using var held = await WriterLock.AcquireAsync(root, new WorkFolder(fixture.WorkPath), TimeProvider.System, TimeSpan.Zero, Ct);
        var before = fixture.SnapshotPlugins();
        var engine = new ChangeEngine(root, new WorkFolder(fixture.WorkPath), new MarkerGate(), fixture.Time) { WriterWait = TimeSpan.Zero };

        var error = await Assert.ThrowsAsync<WriterBusyException>(() =>
            engine.ApplyPatchAsync(ChangeFixture.Request(Edit("A.bundle/Contents/Code/__init__.py", "x = 1", "x = 2")), Ct));

        Assert.Contains("Another writer", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.SnapshotPlugins());
        Assert.False(File.Exists(new WorkFolder(fixture.WorkPath).ImplementationLogPath(1)));
    }

    [Fact]
    public async Task Preview_NeedsNoLock_WhileAWriterWorks()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "x = 1\n");
        var root = new PluginsRoot(fixture.Plugins);
        using var held = await WriterLock.AcquireAsync(root, new WorkFolder(fixture.WorkPath), TimeProvider.System, TimeSpan.Zero, Ct);

        var outcome = await fixture.CreateSut().PreviewPatchAsync(ChangeFixture.Request(Edit("A.bundle/Contents/Code/__init__.py", "x = 1", "x = 2")), Ct);

        Assert.Equal(FixStatus.Previewed, outcome.Status);
    }

    [Fact]
    public void AtomicWrite_StoppedBeforeTheRename_LeavesNoTemporaryFile()
    {
        using var fixture = new ChangeFixture();
        string target = Path.Combine(fixture.Folder, "state.json");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteAllBytes(target, "{}"u8, beforeReplace: () => throw new InvalidOperationException("stopped")));

        Assert.Empty(Directory.EnumerateFiles(fixture.Folder, AtomicFile.TempPrefix + "*"));
    }

    /// <summary>A gate that finds nothing and answers at once, so the writers overlap as much as they can.</summary>
    private sealed class NoDelayGate : PlexImprove.Core.Changes.Gate.ICodeGate
    {
        public Task<IReadOnlyList<PlexImprove.Core.Changes.Gate.GateFileResult>> CheckAsync(
            IReadOnlyList<PlexImprove.Core.Changes.Gate.GateSource> sources, PlexImprove.Core.Changes.Gate.GateChecks checks, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PlexImprove.Core.Changes.Gate.GateFileResult>>(
                [.. sources.Select(s => new PlexImprove.Core.Changes.Gate.GateFileResult { File = s.Name, Parsed = true, Findings = [] })]);
    }
}

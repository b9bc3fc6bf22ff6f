using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Core.Errors;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class ChangeEngineTests
{
    private const string Target = "A.bundle/Contents/Code/__init__.py";

    private static string Edit(string search, string replace, string file = Target) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } });

    [Fact]
    public async Task Apply_WritesFileBackupManifestAndLog()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "headers = {}\n");

        var outcome = await fixture.CreateSut().ApplyPatchAsync(
            ChangeFixture.Request(Edit("headers = {}", "headers = {'User-Agent': 'x'}"), expect: "search succeeds again"), TestContext.Current.CancellationToken);

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Equal("headers = {'User-Agent': 'x'}\n", fixture.ReadText(Target));
        var backup = Path.Combine(fixture.WorkPath, "iteration_1", "_BACKUPS", "fix-1_20260302_184107");
        Assert.Equal(backup, outcome.BackupFolder);
        Assert.Equal("headers = {}\n", File.ReadAllText(Path.Combine(backup, "A.bundle", "Contents", "Code", "__init__.py")));
        var manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(Path.Combine(backup, "manifest.json")), ChangesJson.Options)!;
        var entry = Assert.Single(manifest.Files);
        Assert.Equal(Target, entry.Path);
        Assert.Equal(FileSnapshot.HashOf("headers = {}\n"u8), entry.Sha256Before);
        Assert.Equal(FileSnapshot.HashOf(fixture.Read(Target)), entry.Sha256After);
        Assert.Equal(13, entry.Size);
        var log = new ImplementationLogStore(new WorkFolder(fixture.WorkPath)).Load(1);
        var logged = Assert.Single(log.Fixes);
        Assert.Equal(FixStatus.Applied, logged.Status);
        Assert.Equal("search succeeds again", logged.ExpectedBehaviour);
        Assert.Equal(entry.Sha256After, Assert.Single(logged.Files).Sha256After);
        Assert.Equal(["before", "after"], logged.Checks.Select(c => c.Phase));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Apply_KeepsNonUtf8BytesCrlfAndFileMode()
    {
        using var fixture = new ChangeFixture();
        // latin-1 bytes (not valid UTF-8) on CRLF lines, executable mode.
        var original = Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\r\nname = 'Caf\u00e9'\r\nvalue = 1\r\ntail = '\u00f1'\r\n");
        var path = fixture.Write(Target, original);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        const string patch = "--- A.bundle/Contents/Code/__init__.py\n+++ A.bundle/Contents/Code/__init__.py\n@@ -3,1 +3,2 @@\n-value = 1\n+value = 2\n+extra = 3\n";

        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(patch), TestContext.Current.CancellationToken);

        var expected = Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\r\nname = 'Caf\u00e9'\r\nvalue = 2\r\nextra = 3\r\ntail = '\u00f1'\r\n");
        Assert.Equal(expected, fixture.Read(Target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Apply_ChangeIntroducingAFinding_IsBlockedAndWritesNothing()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        var before = fixture.SnapshotPlugins();

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = BAD")), TestContext.Current.CancellationToken);

        Assert.Equal(FixStatus.Blocked, outcome.Status);
        Assert.Contains("NOT applied", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(outcome.Findings.Introduced).Line);
        Assert.Equal(before, fixture.SnapshotPlugins());
        Assert.False(Directory.Exists(Path.Combine(fixture.WorkPath, "iteration_1", "_BACKUPS")));
        Assert.Equal(FixStatus.Blocked, Assert.Single(new ImplementationLogStore(new WorkFolder(fixture.WorkPath)).Load(1).Fixes).Status);
    }

    [Fact]
    public async Task Apply_PreExistingFinding_IsReportedButDoesNotBlock()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "old = BAD\nx = 1\n");

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2")), TestContext.Current.CancellationToken);

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Empty(outcome.Findings.Introduced);
        Assert.Single(outcome.Findings.PreExisting);
    }

    [Fact]
    public async Task Apply_LinesMovedAboveAPreExistingFinding_DoesNotBlock()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\nold = BAD\n");

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1\n", "x = 1\ny = 2\nz = 3\n")), TestContext.Current.CancellationToken);

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Equal(4, Assert.Single(outcome.Findings.PreExisting).Line);
    }

    [Fact]
    public async Task DryRun_WritesNothingAtAll()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        var before = fixture.SnapshotPlugins();

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2"), dryRun: true), TestContext.Current.CancellationToken);

        Assert.Equal(FixStatus.Previewed, outcome.Status);
        Assert.Equal(before, fixture.SnapshotPlugins());
        Assert.False(Directory.Exists(fixture.WorkPath));
    }

    [Theory]
    [InlineData("../outside.py")]
    [InlineData("Evil.bundle/outside.py")]
    public async Task Apply_TargetOutsideTheRoot_IsRefusedWithNothingWritten(string file)
    {
        using var fixture = new ChangeFixture();
        var outside = Directory.CreateDirectory(Path.Combine(fixture.Folder, "outside")).FullName;
        var victim = Path.Combine(outside, "outside.py");
        File.WriteAllText(victim, "x = 1\n");
        File.WriteAllText(Path.Combine(fixture.Folder, "outside.py"), "x = 1\n");
        Directory.CreateSymbolicLink(Path.Combine(fixture.Plugins, "Evil.bundle"), outside);

        var error = await Assert.ThrowsAsync<PathConfinementException>(() =>
            fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2", file)), TestContext.Current.CancellationToken));

        Assert.Contains(file.StartsWith("..", StringComparison.Ordinal) ? "contains '..'" : "leads through a symlink to", error.Message, StringComparison.Ordinal);

        Assert.Equal("x = 1\n", File.ReadAllText(victim));
        Assert.Equal("x = 1\n", File.ReadAllText(Path.Combine(fixture.Folder, "outside.py")));
        Assert.False(Directory.Exists(fixture.WorkPath));
    }

    [Fact]
    public async Task Apply_AllCopies_ChangesIdenticalCopiesAndSkipsADifferingOne()
    {
        using var fixture = new ChangeFixture();
        const string utils = "A.bundle/Contents/Code/utils.py";
        fixture.Write(utils, "x = 1\n");
        fixture.Write("B.bundle/Contents/Code/utils.py", "x = 1\n");
        fixture.Write("C.bundle/Contents/Code/utils.py", "x = 1\n");
        fixture.Write("D.bundle/Contents/Code/utils.py", "x = 1\n# local change\n");

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2", utils), allCopies: true), TestContext.Current.CancellationToken);

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Equal(["A.bundle/Contents/Code/utils.py", "B.bundle/Contents/Code/utils.py", "C.bundle/Contents/Code/utils.py"], outcome.Files.Select(f => f.Path));
        Assert.Equal("x = 2\n", fixture.ReadText("C.bundle/Contents/Code/utils.py"));
        Assert.Equal("x = 1\n# local change\n", fixture.ReadText("D.bundle/Contents/Code/utils.py"));
        var skipped = Assert.Single(outcome.SkippedCopies);
        Assert.Equal("D.bundle/Contents/Code/utils.py", skipped.Path);
        Assert.Contains("differs", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_PatchThatDoesNotFit_TouchesNoFile()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        fixture.Write("B.bundle/Contents/Code/__init__.py", "y = 1\n");
        var before = fixture.SnapshotPlugins();
        const string patch = """
            {"edits": [
              {"file": "A.bundle/Contents/Code/__init__.py", "search": "x = 1", "replace": "x = 2"},
              {"file": "B.bundle/Contents/Code/__init__.py", "search": "missing", "replace": "y = 2"}
            ]}
            """;

        var error = await Assert.ThrowsAsync<PatchRejectedException>(() => fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(patch), TestContext.Current.CancellationToken));

        Assert.StartsWith("Edit 1 of 'B.bundle/Contents/Code/__init__.py': the search text (starting \"missing\") occurs 0 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.SnapshotPlugins());
    }

    [Fact]
    public async Task Apply_BinaryTarget_IsRefused()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Resources/icon.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, (byte)'x']);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => fixture.CreateSut().ApplyPatchAsync(
            ChangeFixture.Request(Edit("x", "y", "A.bundle/Contents/Resources/icon.png")), TestContext.Current.CancellationToken));

        Assert.Equal("'A.bundle/Contents/Resources/icon.png' is a binary file; only text files can be patched. No file was changed.", error.Message);
    }

    [Fact]
    public async Task Apply_CrashBetweenBackupAndRename_LeavesEachFileOldOrNewAndTheBackupInPlace()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/a.py", "a = 1\n");
        fixture.Write("B.bundle/Contents/Code/b.py", "b = 1\n");
        const string patch = """
            {"edits": [
              {"file": "A.bundle/Contents/Code/a.py", "search": "a = 1", "replace": "a = 2"},
              {"file": "B.bundle/Contents/Code/b.py", "search": "b = 1", "replace": "b = 2"}
            ]}
            """;

        // The second file's new bytes are flushed to a temporary file, then the process "dies" before the rename.
        await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            fixture.CreateSut(new CrashAt(ChangeStep.TempFileWritten, occurrence: 2)).ApplyPatchAsync(ChangeFixture.Request(patch), TestContext.Current.CancellationToken));

        Assert.Equal("a = 2\n", fixture.ReadText("A.bundle/Contents/Code/a.py"));
        Assert.Equal("b = 1\n", fixture.ReadText("B.bundle/Contents/Code/b.py"));
        var backup = Assert.Single(new BackupStore(new WorkFolder(fixture.WorkPath)).List());
        Assert.Equal(2, backup.Manifest.Files.Count);
        Assert.Equal(FixStatus.InProgress, Assert.Single(new ImplementationLogStore(new WorkFolder(fixture.WorkPath)).Load(1).Fixes).Status);

        // And the backup brings everything back.
        var restored = fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "fix-1" });
        Assert.Equal(["restored", "already_original"], Assert.Single(restored).Files.Select(f => f.Action));
        Assert.Equal("a = 1\n", fixture.ReadText("A.bundle/Contents/Code/a.py"));
        Assert.Equal("b = 1\n", fixture.ReadText("B.bundle/Contents/Code/b.py"));
    }

    [Fact]
    public async Task Apply_CrashRightAfterTheBackup_LeavesEveryFileOld()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        var before = fixture.SnapshotPlugins();

        await Assert.ThrowsAsync<SimulatedCrashException>(() =>
            fixture.CreateSut(new CrashAt(ChangeStep.BackupWritten)).ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2")), TestContext.Current.CancellationToken));

        Assert.Equal(before, fixture.SnapshotPlugins());
        Assert.Single(new BackupStore(new WorkFolder(fixture.WorkPath)).List());
    }

    [Fact]
    public async Task Apply_BadFixId_IsBadInput()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2"), fixId: "../x"), TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.BadInput, error.Kind);
    }

    [Fact]
    public async Task Apply_WorkFolderInsideThePluginsFolder_IsRefused()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        var engine = new ChangeEngine(new PluginsRoot(fixture.Plugins), new WorkFolder(Path.Combine(fixture.Plugins, "work")), fixture.Gate, fixture.Time);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => engine.ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2")), TestContext.Current.CancellationToken));
        Assert.Contains("lies inside the Plug-ins folder", error.Message, StringComparison.Ordinal);

        Assert.Equal("x = 1\n", fixture.ReadText(Target));
    }
}

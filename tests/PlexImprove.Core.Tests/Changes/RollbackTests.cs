using System.Runtime.Versioning;
using System.Text.Json;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Log;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class RollbackTests
{
    private const string Target = "A.bundle/Contents/Code/__init__.py";

    private static string Edit(string search, string replace, string file = Target) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } });

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Rollback_RestoresByteIdenticalFilesAndMode()
    {
        using var fixture = new ChangeFixture();
        byte[] original = [.. "# coding: latin-1\r\nx = 'caf"u8, 0xE9, .. "'\r\n"u8];
        var path = fixture.Write(Target, original);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = ", "y = ")), TestContext.Current.CancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite);

        var restored = fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "fix-1" });

        Assert.Equal("restored", Assert.Single(Assert.Single(restored).Files).Action);
        Assert.Equal(original, fixture.Read(Target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var entry = Assert.Single(new ImplementationLogStore(new WorkFolder(fixture.WorkPath)).Load(1).Fixes);
        Assert.Equal(FixStatus.RolledBack, entry.Status);
        Assert.NotNull(entry.RolledBackAt);
    }

    [Fact]
    public async Task Rollback_FileChangedBySomeoneElse_RefusesUnlessForced()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2")), TestContext.Current.CancellationToken);
        fixture.Write(Target, "x = 3  # edited by the admin\n");

        var error = Assert.Throws<BackupConflictException>(() => fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "fix-1" }));

        Assert.Contains(Target, error.Message, StringComparison.Ordinal);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Equal("x = 3  # edited by the admin\n", fixture.ReadText(Target));

        var forced = fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "fix-1", Force = true });

        Assert.Equal("forced", Assert.Single(Assert.Single(forced).Files).Action);
        Assert.Equal("x = 1\n", fixture.ReadText(Target));
    }

    [Fact]
    public async Task RollbackAll_StackedFixes_RestoreNewestFirstToTheOriginal()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2"), fixId: "first"), TestContext.Current.CancellationToken);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 2", "x = 3"), fixId: "second", iteration: 2), TestContext.Current.CancellationToken);

        var restored = fixture.CreateSut().RollbackFix(new RollbackRequest { All = true });

        Assert.Equal(["second", "first"], restored.Select(r => r.FixId));
        Assert.Equal("x = 1\n", fixture.ReadText(Target));
    }

    [Fact]
    public void Rollback_UnknownFixId_SaysNoBackup()
    {
        using var fixture = new ChangeFixture();

        var error = Assert.Throws<BackupNotFoundException>(() => fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "nope" }));

        Assert.Contains("No backup of fix 'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_DamagedBackupCopy_RestoresNothing()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2")), TestContext.Current.CancellationToken);
        File.WriteAllText(Path.Combine(outcome.BackupFolder!, "A.bundle", "Contents", "Code", "__init__.py"), "tampered\n");

        var error = Assert.Throws<BackupNotFoundException>(() => fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "fix-1" }));
        Assert.Contains("does not match the hash in its manifest", error.Message, StringComparison.Ordinal);

        Assert.Equal("x = 2\n", fixture.ReadText(Target));
    }

    [Fact]
    public async Task ListBackups_ShowsStateBeforeAndAfterRollback()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2")), TestContext.Current.CancellationToken);

        var applied = Assert.Single(fixture.CreateSut().ListBackups());
        fixture.CreateSut().RollbackFix(new RollbackRequest { Iteration = 1 });
        var rolledBack = Assert.Single(fixture.CreateSut().ListBackups());

        Assert.Equal((BackupState.Applied, "applied"), (applied.State, applied.LogStatus));
        Assert.Equal((BackupState.Original, "rolled_back"), (rolledBack.State, rolledBack.LogStatus));
    }
}

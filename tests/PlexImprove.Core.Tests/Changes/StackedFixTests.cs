using System.Text.Json;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.Errors;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class StackedFixTests
{
    private const string Target = "A.bundle/Contents/Code/__init__.py";

    private static string Edit(string search, string replace, string file = Target) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } });

    /// <summary>Given x = 1, fix "first" makes it x = 2 and five minutes later fix "second" makes it x = 3.</summary>
    private static async Task<ChangeFixture> TwoStackedFixesAsync()
    {
        var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2"), fixId: "first"), TestContext.Current.CancellationToken);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 2", "x = 3"), fixId: "second", iteration: 2), TestContext.Current.CancellationToken);
        return fixture;
    }

    [Fact]
    public async Task Apply_OnTheResultOfAnEarlierFix_IsRecordedAsStackedOnIt()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2"), fixId: "first"), TestContext.Current.CancellationToken);
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        var second = await fixture.CreateSut().ApplyPatchAsync(
            ChangeFixture.Request(Edit("x = 2", "x = 3"), fixId: "second", iteration: 2), TestContext.Current.CancellationToken);

        Assert.Equal(["first"], second.StacksOn);
        Assert.Contains("stacked on fix(es) 'first'", second.Message, StringComparison.Ordinal);
        var logged = Assert.Single(new ImplementationLogStore(new WorkFolder(fixture.WorkPath)).Load(2).Fixes);
        Assert.Equal(["first"], logged.StacksOn);
    }

    [Fact]
    public async Task RollbackEarlierFix_WithLaterFixOnTop_NamesTheLaterFixAndRestoresNothing()
    {
        using var fixture = await TwoStackedFixesAsync();

        var error = Assert.Throws<StackedFixesException>(() => fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "first" }));

        Assert.Equal(["second"], error.LaterFixIds);
        Assert.Equal(FailureKind.NeedsUser, error.Kind);
        Assert.Contains("later fix(es) 'second' (iteration 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--cascade", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("someone else", error.Message, StringComparison.Ordinal);
        Assert.Equal("x = 3\n", fixture.ReadText(Target));
    }

    [Fact]
    public async Task RollbackEarlierFix_ForceWithoutCascade_StillRefusesToDiscardTheLaterFix()
    {
        using var fixture = await TwoStackedFixesAsync();

        var error = Assert.Throws<StackedFixesException>(() => fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "first", Force = true }));
        Assert.Contains("Not rolled back: later fix(es) 'second'", error.Message, StringComparison.Ordinal);

        Assert.Equal("x = 3\n", fixture.ReadText(Target));
    }

    [Fact]
    public async Task RollbackEarlierFix_WithCascade_RollsBackTheLaterFixFirstThenTheEarlierOne()
    {
        using var fixture = await TwoStackedFixesAsync();

        var restored = fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "first", Cascade = true });

        Assert.Equal([("second", true), ("first", false)], restored.Select(r => (r.FixId, r.Cascaded)));
        Assert.All(restored, r => Assert.Equal("restored", Assert.Single(r.Files).Action));
        Assert.Equal("x = 1\n", fixture.ReadText(Target));
        var work = new ImplementationLogStore(new WorkFolder(fixture.WorkPath));
        Assert.Equal(FixStatus.RolledBack, Assert.Single(work.Load(1).Fixes).Status);
        Assert.Equal(FixStatus.RolledBack, Assert.Single(work.Load(2).Fixes).Status);
    }

    [Fact]
    public async Task RollbackLaterFix_Alone_LeavesTheEarlierFixApplied()
    {
        using var fixture = await TwoStackedFixesAsync();

        fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "second" });

        Assert.Equal("x = 2\n", fixture.ReadText(Target));
        var states = fixture.CreateSut().ListBackups().ToDictionary(b => b.FixId, b => b.State);
        Assert.Equal(BackupState.Applied, states["first"]);
        Assert.Equal(BackupState.Original, states["second"]);
    }

    [Fact]
    public async Task ListBackups_StackedFixes_ShowsTheEarlierFixStackedUnderTheLaterOne()
    {
        using var fixture = await TwoStackedFixesAsync();

        var backups = fixture.CreateSut().ListBackups().ToDictionary(b => b.FixId);

        Assert.Equal(BackupState.Stacked, backups["first"].State);
        Assert.Equal(["second"], backups["first"].LaterFixes);
        Assert.Equal(BackupState.Applied, backups["second"].State);
    }

    [Fact]
    public async Task ListBackups_AfterRollbackAll_ShowsEveryFixOriginal()
    {
        using var fixture = await TwoStackedFixesAsync();

        fixture.CreateSut().RollbackFix(new RollbackRequest { All = true });

        Assert.All(fixture.CreateSut().ListBackups(), b => Assert.Equal(BackupState.Original, b.State));
    }

    [Fact]
    public async Task RollbackEarlierFixThenRollbackAll_RestoresNothingMoreAndShowsEveryFixOriginal()
    {
        using var fixture = await TwoStackedFixesAsync();
        fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "first", Cascade = true });

        var again = fixture.CreateSut().RollbackFix(new RollbackRequest { All = true });

        Assert.All(again.SelectMany(r => r.Files), f => Assert.Equal("already_original", f.Action));
        Assert.Equal("x = 1\n", fixture.ReadText(Target));
        Assert.All(fixture.CreateSut().ListBackups(), b => Assert.Equal(BackupState.Original, b.State));
    }

    [Fact]
    public async Task ListBackups_FixRolledBackThenAnotherFixOnTheOriginal_ShowsTheFirstOriginal()
    {
        using var fixture = new ChangeFixture();
        fixture.Write(Target, "x = 1\n");
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 2"), fixId: "first"), TestContext.Current.CancellationToken);
        fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "first" });
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit("x = 1", "x = 9"), fixId: "other", iteration: 2), TestContext.Current.CancellationToken);

        var backups = fixture.CreateSut().ListBackups().ToDictionary(b => b.FixId, b => b.State);
        var again = fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "first" });

        Assert.Equal(BackupState.Original, backups["first"]);
        Assert.Equal(BackupState.Applied, backups["other"]);
        Assert.Equal("already_original", Assert.Single(Assert.Single(again).Files).Action);
        Assert.Equal("x = 9\n", fixture.ReadText(Target));
    }

    [Fact]
    public async Task RollbackEarlierFix_OutsideEditOnTopOfTheLaterFix_IsAConflictNotAStack()
    {
        using var fixture = await TwoStackedFixesAsync();
        fixture.Write(Target, "x = 4  # edited by the admin\n");

        var error = Assert.Throws<BackupConflictException>(() => fixture.CreateSut().RollbackFix(new RollbackRequest { FixId = "second" }));

        Assert.Contains("changed outside plex-improve", error.Message, StringComparison.Ordinal);
        Assert.Equal(BackupState.ChangedSince, fixture.CreateSut().ListBackups().Single(b => b.FixId == "first").State);
    }
}

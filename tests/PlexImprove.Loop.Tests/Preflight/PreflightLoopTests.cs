using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.Preflight;
using PlexImprove.Loop.State;
using PlexImprove.Loop.Tests.Support;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;
using PlexImprove.Python.Gate;
using PlexImprove.Sandbox.Preflight;
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
        await using var preflight = Preflight(sandbox);

        var result = await (await CoordinatorAsync(sandbox, new ScriptedBrain([harmless]), preflight)).RunAsync(TestContext.Current.CancellationToken);

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
    public async Task FixThatMakesFailingItemsMatch_IsApplied_WithThePredictionRecorded()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        await using var preflight = Preflight(sandbox);

        var result = await (await CoordinatorAsync(sandbox, new ScriptedBrain([ScriptedBrain.Edit("aebn-titles", Aebn, AebnCode, TitleLine, TitleFix)]), preflight))
            .RunAsync(TestContext.Current.CancellationToken);

        var fix = Assert.Single(result.State.Fixes);
        Assert.Equal(FixState.Kept, fix.Status);
        Assert.NotNull(fix.Preflight);
        Assert.True(fix.Preflight.Matched > 0, fix.Preflight.Summary);
        Assert.Matches(@"^preflight: \d+/\d+ failing items now match", fix.Preflight.Summary);
        Assert.Contains("replace(u'\\u2019'", File.ReadAllText(sandbox.Code("AEBN")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleWithASymlinkLoop_IsCopiedWithoutFollowingIt_AndTheFixPreflights()
    {
        using var work = new TempDirectory();
        await using var sandbox = await SandboxLoop.StartAsync(work.Path);
        var bundle = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(sandbox.Code("AEBN"))))!;
        File.CreateSymbolicLink(Path.Combine(bundle, "Contents", "again"), bundle); // followed, the copy would never end
        await using var preflight = Preflight(sandbox);

        var result = await (await CoordinatorAsync(sandbox, new ScriptedBrain([ScriptedBrain.Edit("aebn-titles", Aebn, AebnCode, TitleLine, TitleFix)]), preflight))
            .RunAsync(TestContext.Current.CancellationToken);

        var fix = Assert.Single(result.State.Fixes);
        Assert.NotNull(fix.Preflight);
        Assert.True(fix.Preflight.Matched > 0, fix.Preflight.Summary);
        Assert.Equal(FixState.Kept, fix.Status);
    }

    private static ScratchBoxPreflight Preflight(SandboxLoop sandbox) => new(new ScratchBoxPreflightOptions
    {
        PluginsDir = sandbox.PluginsDir,
        Python = TestPython.RuntimeAsync,
        Box = new ScratchBoxOptions { SiteMap = sandbox.Host.Sites.SiteMap },
    });

    private static async Task<LoopCoordinator> CoordinatorAsync(SandboxLoop sandbox, IBrain brain, IFixPreflight preflight)
    {
        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var plex = new PlexClient(new PlexClientOptions { BaseUrl = new Uri(sandbox.Host.Connection.Url), Token = sandbox.Host.Connection.Token, ClientIdentifier = "preflight-tests" });
        return new LoopCoordinator(new LoopOptions
        {
            WorkDir = sandbox.Work,
            PluginsDir = sandbox.PluginsDir,
            LogsDir = sandbox.Host.Connection.LogsDir,
            PlexUrl = sandbox.Host.Connection.Url,
            Agents = [Aebn],
            Exit = new ExitSettings { MaxIterations = 1 },
            RefreshLibraryFirst = true,
            Refresh = new RefreshOptions { ItemTimeout = TimeSpan.FromSeconds(60) },
            RestartMethod = RestartMethod.Plugin,
            PluginStartTimeout = TimeSpan.FromSeconds(30),
            ResumeCommand = "plex-improve run --resume",
        }, new LoopServices
        {
            Brain = brain,
            Changes = new ChangeEngine(new PluginsRoot(sandbox.PluginsDir), new WorkFolder(sandbox.Work), new Python27CodeGate(python), TimeProvider.System),
            Plex = plex,
            Restarter = new PlexRestarter(plex, new ProcessRunner(), new NobodyAtTheKeyboard()),
            Preflight = preflight,
        });
    }
}

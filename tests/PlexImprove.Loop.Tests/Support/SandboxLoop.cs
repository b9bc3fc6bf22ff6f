using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.Preflight;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;
using PlexImprove.Python.Gate;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Preflight;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>The demo sandbox in <c>&lt;work&gt;/sandbox</c> and coordinators over it, for one agent at a time.</summary>
internal sealed class SandboxLoop : IAsyncDisposable
{
    private readonly PlexClient _plex;

    private SandboxLoop(SandboxHost host, string work)
    {
        Host = host;
        Work = work;
        _plex = new PlexClient(new PlexClientOptions { BaseUrl = new Uri(host.Connection.Url), Token = host.Connection.Token, ClientIdentifier = "loop-tests" });
    }

    public SandboxHost Host { get; }

    public string Work { get; }

    public string PluginsDir => Host.Connection.PluginsDir;

    public static async Task<SandboxLoop> StartAsync(string work) =>
        new(await SandboxHost.StartAsync(
            new SandboxOptions { ScenarioRoot = DemoLoopTestsRoot, Dir = Path.Combine(work, "sandbox"), Port = 0, Token = "loop-tests" },
            await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), TimeProvider.System, TestContext.Current.CancellationToken), work);

    public static string DemoLoopTestsRoot => Path.Combine(AppContext.BaseDirectory, "scenarios", "demo");

    public Task<LoopCoordinator> CoordinatorAsync(IBrain brain, string agent, bool resume = false, IChangeStepHook? hook = null, params ILoopObserver[] observers) =>
        CoordinatorForAsync(brain, [agent], resume, hook, observers);

    /// <summary>A coordinator over several agents (each failing at baseline is pursued).</summary>
    public Task<LoopCoordinator> CoordinatorForAsync(IBrain brain, IReadOnlyList<string> agents, bool resume = false, IChangeStepHook? hook = null, params ILoopObserver[] observers) =>
        CoordinatorForAsync(brain, agents, [], resume, hook, observers);

    /// <summary>A coordinator whose fixes pass <paramref name="beforeApply"/> before they are applied.</summary>
    public Task<LoopCoordinator> CoordinatorForAsync(IBrain brain, IReadOnlyList<string> agents, IReadOnlyList<IBeforeApply> beforeApply, bool resume = false, IChangeStepHook? hook = null, params ILoopObserver[] observers) =>
        CreateAsync(brain, agents, beforeApply, preflight: null, maxIterations: 2, resume, hook, observers);

    /// <summary>A coordinator of one iteration whose fixes are pre-flighted by <paramref name="preflight"/> before they reach the box.</summary>
    public Task<LoopCoordinator> PreflightedCoordinatorAsync(IBrain brain, string agent, IFixPreflight preflight) =>
        CreateAsync(brain, [agent], [], preflight, maxIterations: 1, resume: false, hook: null, observers: []);

    /// <summary>Pre-flight on scratch boxes against this box's own sites, as the demo does.</summary>
    public ScratchBoxPreflight ScratchPreflight() => new(new ScratchBoxPreflightOptions
    {
        PluginsDir = PluginsDir,
        Python = TestPython.RuntimeAsync,
        Box = new ScratchBoxOptions { SiteMap = Host.Sites.SiteMap },
    });

    private async Task<LoopCoordinator> CreateAsync(
        IBrain brain, IReadOnlyList<string> agents, IReadOnlyList<IBeforeApply> beforeApply, IFixPreflight? preflight, int maxIterations, bool resume, IChangeStepHook? hook, ILoopObserver[] observers)
    {
        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        return new LoopCoordinator(new LoopOptions
        {
            WorkDir = Work,
            PluginsDir = PluginsDir,
            LogsDir = Host.Connection.LogsDir,
            PlexUrl = Host.Connection.Url,
            Agents = agents,
            Exit = new ExitSettings { MaxIterations = maxIterations },
            Resume = resume,
            RefreshLibraryFirst = true,
            Refresh = new RefreshOptions { ItemTimeout = TimeSpan.FromSeconds(60) },
            RestartMethod = RestartMethod.Plugin,
            PluginStartTimeout = TimeSpan.FromSeconds(30),
            ResumeCommand = "plex-improve run --resume",
        }, new LoopServices
        {
            Brain = brain,
            Changes = new ChangeEngine(new PluginsRoot(PluginsDir), new WorkFolder(Work), new Python27CodeGate(python), TimeProvider.System, hook),
            Plex = _plex,
            Restarter = new PlexRestarter(_plex, new ProcessRunner(), new NobodyAtTheKeyboard()),
            Observers = observers,
            BeforeApply = beforeApply,
            Preflight = preflight,
        });
    }

    /// <summary>A dry run over <paramref name="pluginsCopy"/>: no Plex client, no restarter.</summary>
    public async Task<LoopCoordinator> DryRunCoordinatorAsync(IBrain brain, string agent, string pluginsCopy)
    {
        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        return new LoopCoordinator(new LoopOptions
        {
            WorkDir = Work,
            PluginsDir = pluginsCopy,
            LogsDir = Host.Connection.LogsDir,
            PlexUrl = "(dry run)",
            Agents = [agent],
            DryRun = true,
            ResumeCommand = "plex-improve run --dry-run --resume",
        }, new LoopServices
        {
            Brain = brain,
            Changes = new ChangeEngine(new PluginsRoot(pluginsCopy), new WorkFolder(Work), new Python27CodeGate(python), TimeProvider.System),
        });
    }

    /// <summary>Refreshes every item of a section and waits, so the logs hold a baseline.</summary>
    public async Task RefreshSectionAsync(string sectionKey)
    {
        var items = await _plex.GetSectionItemsAsync(sectionKey, cancellationToken: TestContext.Current.CancellationToken);
        await new RefreshBatch(_plex, new RefreshOptions()).RunAsync([.. items.Select(i => i.RatingKey)], cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Restarts a plug-in as Plex does: its log rolls over (<c>.log</c> → <c>.log.1</c> …).</summary>
    public void RestartPlugin(string identifier) =>
        _plex.RestartPluginAsync(identifier, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    public string Code(string bundle) => Path.Combine(PluginsDir, bundle + ".bundle", "Contents", "Code", "__init__.py");

    public async ValueTask DisposeAsync()
    {
        _plex.Dispose();
        await Host.DisposeAsync();
    }
}

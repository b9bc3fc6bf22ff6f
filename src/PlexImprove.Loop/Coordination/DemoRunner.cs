using System.Security.Cryptography;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;
using PlexImprove.Python.Gate;
using PlexImprove.Loop.Preflight;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Preflight;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// The demo: Plex in a box (the demo scenario, inside the work folder) and the whole loop against it — a baseline
/// refresh of every item, the iterations, and a final refresh that measures where the library ended. Everything the
/// demo starts (sites, emulator, Python processes) is stopped when it returns, fails or is cancelled.
/// </summary>
public static class DemoRunner
{
    public const string SandboxFolder = "sandbox";

    public static async Task<LoopResult> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var work = Path.GetFullPath(options.WorkDir);
        Directory.CreateDirectory(work);
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            ScenarioRoot = options.ScenarioRoot,
            Dir = Path.Combine(work, SandboxFolder),
            Port = 0,
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
        }, options.Python, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var connection = sandbox.Connection;
        using var fetcher = new PageFetcher(PageFetcherOptions.For(
            SiteRoutes.Box(connection.Sites.ToDictionary(s => s.Key, s => new Uri(s.Value), StringComparer.OrdinalIgnoreCase), connection.Url),
            new SiteAllowlist(connection.PluginsDir, [])));
        using var plex = new PlexClient(new PlexClientOptions { BaseUrl = new Uri(connection.Url), Token = connection.Token, ClientIdentifier = "plex-improve-demo" });
        var gate = new Python27CodeGate(options.Python, new Python27CodeGateOptions { MaxProcesses = options.GateProcesses });
        // Pre-flight: each fix runs on a scratch copy against the box's own sites before it reaches the box's Plug-ins.
        await using var preflight = new ScratchBoxPreflight(new ScratchBoxPreflightOptions
        {
            PluginsDir = connection.PluginsDir,
            Python = _ => Task.FromResult(options.Python),
            Box = new ScratchBoxOptions { SiteMap = sandbox.Sites.SiteMap },
        });
        var services = new LoopServices
        {
            Preflight = preflight,
            Brain = options.Brain(fetcher, connection.PluginsDir, connection.LogsDir),
            Changes = new ChangeEngine(new PluginsRoot(connection.PluginsDir), new WorkFolder(work), gate, TimeProvider.System),
            Plex = plex,
            Restarter = new PlexRestarter(plex, new ProcessRunner(), new NobodyAtTheKeyboard()),
            Observers = options.Observers,
        };
        var loop = new LoopCoordinator(new LoopOptions
        {
            WorkDir = work,
            PluginsDir = connection.PluginsDir,
            LogsDir = connection.LogsDir,
            PlexUrl = connection.Url,
            Exit = options.Exit,
            Resume = options.Resume,
            LessonsSeedPath = options.LessonsSeedPath,
            UpdateLessons = options.UpdateLessons,
            RefreshLibraryFirst = true,
            MeasureLibraryAtEnd = true,
            Refresh = new RefreshOptions { ItemTimeout = TimeSpan.FromSeconds(60), MaxInFlight = 4 },
            RestartMethod = RestartMethod.Plugin,
            PluginStartTimeout = TimeSpan.FromSeconds(30),
            ResumeCommand = options.ResumeCommand,
        }, services);
        if (options.BeforeLoop is { } before)
        {
            await before(plex, connection.LogsDir, cancellationToken).ConfigureAwait(false);
        }

        var result = await loop.RunAsync(cancellationToken).ConfigureAwait(false);
        if (options.AfterLoop is { } after)
        {
            await after(plex, connection.LogsDir, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}

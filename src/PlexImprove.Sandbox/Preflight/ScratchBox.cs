using System.Security.Cryptography;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Preflight;

/// <summary>
/// A box with no library, to run a bundle nobody else sees on a few items: the emulator only parses pages for the
/// agent (as in every box), the agent reaches the run's sites or network, and it logs into a folder of its own.
/// Used to pre-flight a fix on a copy of the bundle; it never touches the Plug-ins folder Plex loads.
/// </summary>
public sealed class ScratchBox : IAsyncDisposable
{
    private readonly Python27Runtime _python;
    private readonly ScratchBoxOptions _options;
    private readonly PmsEmulator _emulator;
    private readonly RefreshQueue _refreshes;
    private readonly PluginHost _plugins;
    private readonly string _token;

    private ScratchBox(Python27Runtime python, ScratchBoxOptions options, PmsEmulator emulator, RefreshQueue refreshes, PluginHost plugins, string token)
    {
        _python = python;
        _options = options;
        _emulator = emulator;
        _refreshes = refreshes;
        _plugins = plugins;
        _token = token;
    }

    /// <summary>Starts the page-parsing emulator on a free loopback port.</summary>
    public static async Task<ScratchBox> StartAsync(Python27Runtime python, ScratchBoxOptions options, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(python);
        ArgumentNullException.ThrowIfNull(options);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var library = new SandboxLibrary(new ScenarioManifest { Sections = [] }, time);
        var hub = new NotificationHub();
        var settings = new PluginLaunchSettings(Path.GetTempPath(), "http://127.0.0.1:32400", options.SiteMap) { Token = token, Network = options.EffectiveNetwork };
        var plugins = new PluginHost(python, options.ShimPath ?? PluginHost.DefaultShimPath, [], settings);
        var refreshes = new RefreshQueue(library, plugins, hub, time, workers: 1);
        try
        {
            var emulator = await PmsEmulator.StartAsync(0, token, library, refreshes, plugins, hub, ct).ConfigureAwait(false);
            return new ScratchBox(python, options, emulator, refreshes, plugins, token);
        }
        catch
        {
            await refreshes.DisposeAsync().ConfigureAwait(false);
            await plugins.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="bundle"/> (logging into <paramref name="logsDir"/>), runs its search on each item and, when
    /// the best result scores high enough for Plex to match it, its update; then stops it.
    /// </summary>
    public async Task<ScratchAgentRun> RunAsync(PluginBundle bundle, IReadOnlyList<PluginMedia> items, string logsDir, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(items);
        Directory.CreateDirectory(logsDir);
        var settings = new PluginLaunchSettings(logsDir, $"http://127.0.0.1:{_emulator.Port}", _options.SiteMap)
        {
            Token = _token,
            Network = _options.EffectiveNetwork,
            RequestTimeout = _options.RequestTimeout,
        };
        var logPath = Path.Combine(logsDir, bundle.Identifier + ".log");
        await using var plugin = await PluginProcess.StartAsync(_python, _options.ShimPath ?? PluginHost.DefaultShimPath, bundle, settings, ct).ConfigureAwait(false);
        if (!plugin.Loaded)
        {
            return new ScratchAgentRun(false, plugin.LoadError ?? "the plug-in did not load", [], logPath);
        }

        var runs = new List<ScratchItemRun>(items.Count);
        var thread = 0;
        foreach (var media in items)
        {
            ct.ThrowIfCancellationRequested();
            runs.Add(await RunItemAsync(plugin, media, ++thread, ct).ConfigureAwait(false));
        }

        return new ScratchAgentRun(true, null, runs, logPath);
    }

    private static async Task<ScratchItemRun> RunItemAsync(PluginProcess plugin, PluginMedia media, int thread, CancellationToken ct)
    {
        try
        {
            var results = await plugin.SearchAsync(media, thread, ct).ConfigureAwait(false);
            var best = results.FirstOrDefault();
            if (best is null || best.Score < RefreshQueue.MatchScore)
            {
                return new ScratchItemRun(media, results, null, false, null);
            }

            var metadata = await plugin.UpdateAsync(media, best.Id, thread, ct).ConfigureAwait(false);
            return new ScratchItemRun(media, results, metadata, true, null);
        }
        catch (PluginUnavailableException e)
        {
            return new ScratchItemRun(media, [], null, false, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _emulator.DisposeAsync().ConfigureAwait(false);
        await _refreshes.DisposeAsync().ConfigureAwait(false);
        await _plugins.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Security.Cryptography;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Providers;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Scenarios;
using PlexImprove.Sandbox.Sites;

namespace PlexImprove.Sandbox.Hosting;

/// <summary>
/// "Plex in a box": a scenario copied into a run folder, its fake sites, the PMS emulator and the plugin
/// processes. Disposing stops everything, Python processes included.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private SandboxHost(Scenario scenario, SiteServer sites, PluginHost plugins, BoxProvider? provider, RefreshQueue refreshes, PmsEmulator emulator,
        SandboxLibrary library, NotificationHub notifications, SandboxConnection connection)
    {
        Provider = provider;
        Notifications = notifications;
        Scenario = scenario;
        Sites = sites;
        Plugins = plugins;
        Refreshes = refreshes;
        Emulator = emulator;
        Library = library;
        Connection = connection;
    }

    public Scenario Scenario { get; }

    public SiteServer Sites { get; }

    public PluginHost Plugins { get; }

    /// <summary>The box's own provider, serving the sections whose <c>provider</c> is <c>self</c>; null when none is.</summary>
    public BoxProvider? Provider { get; }

    public RefreshQueue Refreshes { get; }

    public PmsEmulator Emulator { get; }

    public SandboxLibrary Library { get; }

    public NotificationHub Notifications { get; }

    public SandboxConnection Connection { get; }

    /// <summary>Copies the scenario, starts the sites and the emulator; plugins start on first use.</summary>
    /// <param name="options">Scenario, run folder, port and token.</param>
    /// <param name="python">The Python 2.7 that runs the agent bundles (see <c>Python27Locator</c>).</param>
    /// <param name="time">The clock behind <c>updatedAt</c> and activities.</param>
    /// <param name="ct">Cancels start-up.</param>
    public static async Task<SandboxHost> StartAsync(SandboxOptions options, Python27Runtime python, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(python);
        ScenarioLoader.Load(options.ScenarioRoot);
        var dir = ScenarioWorkspace.Prepare(options.ScenarioRoot, options.Dir);
        try
        {
            return await StartInAsync(dir, options, python, time, ct).ConfigureAwait(false);
        }
        catch when (options.Dir is null)
        {
            // A temporary run folder nobody will ever see again.
            TryDelete(dir);
            throw;
        }
    }

    private static async Task<SandboxHost> StartInAsync(string dir, SandboxOptions options, Python27Runtime interpreter, TimeProvider time, CancellationToken ct)
    {
        var scenario = ScenarioLoader.Load(dir);
        var logsDir = ScenarioWorkspace.LogsDir(dir);
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var hub = new NotificationHub();
        var sites = await SiteServer.StartAsync(scenario, time, ct).ConfigureAwait(false);
        PluginHost? plugins = null;
        BoxProvider? provider = null;
        RefreshQueue? refreshes = null;
        try
        {
            // The emulator's port must be known before plugins start (their logs name it), so it is chosen first.
            var port = options.Port == 0 ? FreePort() : options.Port;
            var settings = new PluginLaunchSettings(logsDir, $"http://127.0.0.1:{port}", sites.SiteMap) { RequestTimeout = options.PluginRequestTimeout, Token = token, Network = options.Network, Time = time };
            // The provider shim is the box's shim plus the provider's two requests, so a box serving some sections
            // through its own provider runs every plug-in with it: one process per bundle, whichever way it is called.
            var servesProviders = scenario.Manifest.Sections!.Any(s => s.ProvidedByBox);
            var shim = options.ShimPath ?? (servesProviders ? ProviderOptions.DefaultShimPath : PluginHost.DefaultShimPath);
            plugins = new PluginHost(interpreter, shim, scenario.Bundles, settings);
            provider = await BoxProvider.StartAsync(scenario, plugins, options.PluginRequestTimeout, ct).ConfigureAwait(false);
            var library = new SandboxLibrary(scenario.Manifest, time, provider?.SectionUrls);
            refreshes = new RefreshQueue(library, plugins, hub, time, options.RefreshWorkers);
            var siteUrls = sites.SiteMap.ToDictionary(kv => kv.Key, kv => $"http://127.0.0.1:{kv.Value}", StringComparer.Ordinal);
            var emulator = await PmsEmulator.StartAsync(port, token, library, refreshes, plugins, hub, ct, siteUrls, options.Network).ConfigureAwait(false);
            var connection = new SandboxConnection
            {
                Url = $"http://127.0.0.1:{emulator.Port}",
                Token = token,
                PluginsDir = scenario.PluginsDir,
                LogsDir = logsDir,
                Dir = dir,
                Sites = siteUrls,
                Providers = (provider?.SectionUrls ?? new Dictionary<int, Uri>()).ToDictionary(
                    p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value.AbsoluteUri, StringComparer.Ordinal),
            };
            return new SandboxHost(scenario, sites, plugins, provider, refreshes, emulator, library, hub, connection);
        }
        catch
        {
            if (refreshes is not null)
            {
                await refreshes.DisposeAsync().ConfigureAwait(false);
            }

            if (provider is not null)
            {
                await provider.DisposeAsync().ConfigureAwait(false);
            }

            if (plugins is not null)
            {
                await plugins.DisposeAsync().ConfigureAwait(false);
            }

            await sites.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Left behind in the temporary folder.
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync().ConfigureAwait(false);
        await Refreshes.DisposeAsync().ConfigureAwait(false);
        if (Provider is not null)
        {
            await Provider.DisposeAsync().ConfigureAwait(false);
        }

        await Plugins.DisposeAsync().ConfigureAwait(false);
        await Sites.DisposeAsync().ConfigureAwait(false);
    }
}

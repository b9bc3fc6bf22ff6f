using System.Security.Cryptography;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;
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
    private SandboxHost(Scenario scenario, SiteServer sites, PluginHost plugins, RefreshQueue refreshes, PmsEmulator emulator,
        SandboxLibrary library, NotificationHub notifications, SandboxConnection connection)
    {
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
        var library = new SandboxLibrary(scenario.Manifest, time);
        var hub = new NotificationHub();
        var sites = await SiteServer.StartAsync(scenario, time, ct).ConfigureAwait(false);
        PluginHost? plugins = null;
        RefreshQueue? refreshes = null;
        try
        {
            // The emulator's port must be known before plugins start (their logs name it), so it is chosen first.
            var port = options.Port == 0 ? FreePort() : options.Port;
            var settings = new PluginLaunchSettings(logsDir, $"http://127.0.0.1:{port}", sites.SiteMap) { RequestTimeout = options.PluginRequestTimeout, Token = token, Network = options.Network, Time = time };
            plugins = new PluginHost(interpreter, options.ShimPath ?? PluginHost.DefaultShimPath, scenario.Bundles, settings);
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
            };
            return new SandboxHost(scenario, sites, plugins, refreshes, emulator, library, hub, connection);
        }
        catch
        {
            if (refreshes is not null)
            {
                await refreshes.DisposeAsync().ConfigureAwait(false);
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
        await Plugins.DisposeAsync().ConfigureAwait(false);
        await Sites.DisposeAsync().ConfigureAwait(false);
    }
}

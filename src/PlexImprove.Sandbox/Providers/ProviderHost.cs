using System.Net;
using System.Security.Cryptography;
using PlexImprove.Core.Errors;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// The agents of a Plug-ins folder served as Plex 1.43 Custom Metadata Providers: the box's plug-in processes (one per
/// bundle, the same Framework emulation, loader rules, logs and network options), the box's emulator on a private
/// loopback port (it parses pages for the agents, as in the box), and the provider's HTTP server in front.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private readonly PmsEmulator _emulator;
    private readonly RefreshQueue _refreshes;

    private ProviderHost(PluginHost plugins, RefreshQueue refreshes, PmsEmulator emulator, ProviderService service, ProviderServer server)
    {
        Plugins = plugins;
        _refreshes = refreshes;
        _emulator = emulator;
        Service = service;
        Server = server;
    }

    public PluginHost Plugins { get; }

    public ProviderService Service { get; }

    public ProviderServer Server { get; }

    public ProviderCatalog Catalog => Service.Catalog;

    /// <summary>Loads every bundle, then listens. Throws <see cref="InvalidInputException"/> for a bad folder or an unguarded address.</summary>
    public static async Task<ProviderHost> StartAsync(ProviderOptions options, Python27Runtime python, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.PluginsDir))
        {
            throw new InvalidInputException($"The Plug-ins folder '{options.PluginsDir}' does not exist.");
        }

        if (!IPAddress.IsLoopback(options.Address) && string.IsNullOrEmpty(options.Token))
        {
            throw new InvalidInputException($"Listening on {options.Address} lets other machines call the agents: set a token (--token-file FILE or PLEX_IMPROVE_PROVIDER_TOKEN), or listen on loopback.");
        }

        if (options.Token is { Length: < 16 })
        {
            throw new InvalidInputException("The provider token must be at least 16 characters long.");
        }

        var bundles = ScenarioLoader.FindBundles(options.PluginsDir);
        if (bundles.Count == 0)
        {
            throw new InvalidInputException($"'{options.PluginsDir}' holds no agent bundle (*.bundle with Contents/Info.plist naming a CFBundleIdentifier).");
        }

        Directory.CreateDirectory(options.LogsDir);
        var emulatorPort = FreeLoopbackPort();
        var emulatorToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var settings = new PluginLaunchSettings(options.LogsDir, $"http://127.0.0.1:{emulatorPort}", new Dictionary<string, int>())
        {
            RequestTimeout = options.CallTimeout,
            Token = emulatorToken,
            Network = options.Network,
        };
        var plugins = new PluginHost(python, options.ShimPath ?? ProviderOptions.DefaultShimPath, bundles, settings);
        var library = new SandboxLibrary(new ScenarioManifest { Name = "provider", Sections = [], Sites = [] }, time);
        var hub = new NotificationHub();
        var refreshes = new RefreshQueue(library, plugins, hub, time, workers: 0);
        PmsEmulator? emulator = null;
        try
        {
            emulator = await PmsEmulator.StartAsync(emulatorPort, emulatorToken, library, refreshes, plugins, hub, ct, network: options.Network).ConfigureAwait(false);
            var catalog = await ProviderCatalog.LoadAsync(bundles, plugins, ct).ConfigureAwait(false);
            var service = new ProviderService(catalog, plugins, options.CallTimeout);
            var server = await ProviderServer.StartAsync(service, options.Address, options.Port, options.Token, options.Journal, ct).ConfigureAwait(false);
            return new ProviderHost(plugins, refreshes, emulator, service, server);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync().ConfigureAwait(false);
            }

            await refreshes.DisposeAsync().ConfigureAwait(false);
            await plugins.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        await _emulator.DisposeAsync().ConfigureAwait(false);
        await _refreshes.DisposeAsync().ConfigureAwait(false);
        await Plugins.DisposeAsync().ConfigureAwait(false);
    }
}

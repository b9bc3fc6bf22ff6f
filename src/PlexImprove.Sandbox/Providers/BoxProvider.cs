using System.Net;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// The box's own Custom Metadata Provider, for the sections whose <c>provider</c> is <see cref="SectionSpec.SelfProvider"/>:
/// their agents served on a loopback port from the box's plug-in processes (the run folder's Plug-ins copy, its plug-in
/// logs, its fake sites and network rules). Sharing those processes is what makes the box's plug-in restart URL reload
/// the code the provider runs, as it reloads a legacy agent's; an edit alone does not, as in Plex.
/// </summary>
public sealed class BoxProvider : IAsyncDisposable
{
    private BoxProvider(ProviderServer server, IReadOnlyDictionary<int, Uri> sectionUrls)
    {
        Server = server;
        SectionUrls = sectionUrls;
    }

    public ProviderServer Server { get; }

    /// <summary>The provider URL (<c>http://127.0.0.1:PORT/&lt;agent&gt;</c>) each served section's refreshes call, by section id.</summary>
    public IReadOnlyDictionary<int, Uri> SectionUrls { get; }

    /// <summary>Starts the provider when a section asks for it; null when none does.</summary>
    /// <param name="scenario">The box's scenario (its run-folder copy).</param>
    /// <param name="plugins">The box's plug-in processes, which must run the provider shim.</param>
    /// <param name="callTimeout">The longest one provider call may take (the box's plug-in request timeout).</param>
    /// <param name="ct">Cancels start-up.</param>
    public static async Task<BoxProvider?> StartAsync(Scenario scenario, PluginHost plugins, TimeSpan callTimeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sections = scenario.Manifest.Sections!.Where(s => s.ProvidedByBox).ToList();
        if (sections.Count == 0)
        {
            return null;
        }

        var served = sections
            .GroupBy(s => s.Agent!, StringComparer.Ordinal)
            .Select(g => (scenario.Bundles.First(b => b.Identifier == g.Key),
                (IReadOnlyList<string>)[.. g.Select(s => s.Type ?? SectionType.Movie).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .ToList();
        var catalog = ProviderCatalog.Of(served);
        var service = new ProviderService(catalog, plugins, callTimeout, reloadOnChange: false);
        var server = await ProviderServer.StartAsync(service, IPAddress.Loopback, 0, token: null, journal: null, ct).ConfigureAwait(false);
        var urls = sections.ToDictionary(
            s => s.Id,
            s => new Uri($"http://127.0.0.1:{server.Port}/{catalog.Agents.First(a => a.Bundle.Identifier == s.Agent && a.Kind == (s.Type ?? SectionType.Movie)).ShortName}"));
        return new BoxProvider(server, urls);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

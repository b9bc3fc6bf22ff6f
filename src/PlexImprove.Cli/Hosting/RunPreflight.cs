using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Sites;
using PlexImprove.Loop.Preflight;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Preflight;

namespace PlexImprove.Cli.Hosting;

/// <summary>The pre-flight of a run: a scratch box on the box's fake sites when the server is Plex in a box, else on the real network.</summary>
public static class RunPreflight
{
    /// <summary>
    /// The pre-flight of <c>preflight_fix</c> in <c>chat</c> and <c>mcp</c>: on the box's sites when the configured server
    /// is a box (its token set), else on the real network. Read only: the Plug-ins folder is copied, never written.
    /// </summary>
    public static async Task<IFixPreflight> ForToolsAsync(CliContext context, string? url, string pluginsDir, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
        if (context.Secrets.PlexToken is null)
        {
            return new ScratchBoxPreflight(new ScratchBoxPreflightOptions { PluginsDir = pluginsDir, Python = _ => Task.FromResult(python) });
        }

        // Asked quietly: the command has already said where its pages come from.
        string address = string.IsNullOrWhiteSpace(url) ? context.Settings.Plex.Url : url;
        var routes = await SiteRoutesProbe.ProbeAsync(address, context.Secrets.PlexToken, ct).ConfigureAwait(false);
        return Create(routes, pluginsDir, python);
    }

    /// <summary>The pre-flight of a run on <paramref name="routes"/> (see <see cref="BoxFor"/>).</summary>
    public static ScratchBoxPreflight Create(SiteRoutes routes, string pluginsDir, Python27Runtime python) =>
        new(new ScratchBoxPreflightOptions { PluginsDir = pluginsDir, Python = _ => Task.FromResult(python), Box = BoxFor(routes) });

    /// <summary>
    /// Where a scratch box's agents connect: the box's fake sites, and nothing else, when the server is a box on its fake
    /// network (even one with no sites, so a pre-flight never leaves a contained box); the real network otherwise.
    /// </summary>
    public static ScratchBoxOptions BoxFor(SiteRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return new ScratchBoxOptions
        {
            SiteMap = routes.BoxSites.ToDictionary(s => s.Key, s => s.Value.Port, StringComparer.OrdinalIgnoreCase),
            Network = routes.Contained ? SandboxNetwork.Fake : SandboxNetwork.Real,
        };
    }
}

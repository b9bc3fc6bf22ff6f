using PlexImprove.Agent.Preflight;
using PlexImprove.Loop.Preflight;
using PlexImprove.Plex.Client;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Preflight;

namespace PlexImprove.Cli.Hosting;

/// <summary>The pre-flight of a run: a scratch box on the box's fake sites when the server is Plex in a box, else on the real network.</summary>
public static class RunPreflight
{
    /// <summary>
    /// The pre-flight of <c>preflight_fix</c> in <c>chat</c> and <c>mcp</c>: on the box's sites when the configured server
    /// is a box (its token set), else on the real network. Read only: the Plug-ins folder is copied, never written.
    /// </summary>
    public static async Task<IFixPreflight> ForToolsAsync(CliContext context, string? url, string workDir, string pluginsDir, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
        if (context.Secrets.PlexToken is null)
        {
            return new ScratchBoxPreflight(new ScratchBoxPreflightOptions { PluginsDir = pluginsDir, Python = _ => Task.FromResult(python) });
        }

        using var client = PlexConnection.CreateClient(context, url, workDir);
        return await CreateAsync(client, pluginsDir, python, ct).ConfigureAwait(false);
    }

    /// <summary>The pre-flight of a run against <paramref name="client"/>'s server.</summary>
    public static async Task<ScratchBoxPreflight> CreateAsync(PlexClient client, string pluginsDir, Python27Runtime python, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var sites = await client.GetPlexBoxSitesAsync(ct).ConfigureAwait(false);
        var siteMap = sites.Where(s => s.Value.IsLoopback).ToDictionary(s => s.Key, s => s.Value.Port, StringComparer.OrdinalIgnoreCase);
        return new ScratchBoxPreflight(new ScratchBoxPreflightOptions
        {
            PluginsDir = pluginsDir,
            Python = _ => Task.FromResult(python),
            Box = new ScratchBoxOptions { SiteMap = siteMap },
        });
    }
}

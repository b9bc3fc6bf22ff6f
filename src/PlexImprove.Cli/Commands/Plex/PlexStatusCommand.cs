using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Plex.Models;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Cli.Commands.Plex;

/// <summary><c>plex status</c>: identity, version, sections with agents and item counts (tool <c>plex_status</c>).</summary>
public static class PlexStatusCommand
{
    public static Command Create(CliContext context)
    {
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder, to report whether each agent loaded (default: Plex:LogsDir, else this OS's Plex location)." };
        var command = new Command("status", "Show the server's identity and version, each library section with its agent and item count, and whether each agent loaded.") { url, json, logs };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url));
            var status = WithPluginLoads(await client.GetStatusAsync(cancellationToken).ConfigureAwait(false), AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs)));
            if (parseResult.GetValue(json))
            {
                PlexConnection.WriteJson(context, status);
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"Plex Media Server {status.Version} at {status.Url} (machine {status.MachineIdentifier})");
            if (status.Sections.Count == 0)
            {
                context.Out.WriteLine("No library sections.");
            }

            foreach (var row in status.Sections)
            {
                context.Out.WriteLine(PlexConnection.Invariant(
                    $"  section {row.Key,-4} {row.Title,-30} {row.Type,-7} {row.Items,7} items  agent {row.Agent}{(row.Refreshing ? "  (refreshing)" : "")}"));
            }

            foreach (var plugin in status.Plugins)
            {
                context.Out.WriteLine($"  plugin  {plugin.Plugin}: {(plugin.Status == PluginLoadStatus.LoadFailed ? "LOAD FAILED " : "")}{plugin.Detail}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Adds each section agent's latest load outcome from its plugin log, when the folder is readable here.</summary>
    private static PlexServerStatus WithPluginLoads(PlexServerStatus status, string logsDir)
    {
        if (!Directory.Exists(logsDir))
        {
            return status;
        }

        var plugins = status.Sections
            .Select(s => s.Agent)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(agent => PluginLoadChecker.LatestStart(logsDir, agent, null)
                ?? new PluginLoadResult(agent, PluginLoadStatus.NotStarted, "No start logged yet (Plex starts an agent on first use)."))
            .ToList();
        return new PlexServerStatus { Url = status.Url, MachineIdentifier = status.MachineIdentifier, Version = status.Version, Sections = status.Sections, Plugins = plugins };
    }
}

using System.CommandLine;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands.Plex;

/// <summary><c>plex status</c>: identity, version, sections with agents and item counts (tool <c>plex_status</c>).</summary>
public static class PlexStatusCommand
{
    public static Command Create(CliContext context)
    {
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("status", "Show the server's identity and version, and each library section with its agent and item count.") { url, json };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url));
            var status = await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
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

            return ExitCodes.Ok;
        });
        return command;
    }
}

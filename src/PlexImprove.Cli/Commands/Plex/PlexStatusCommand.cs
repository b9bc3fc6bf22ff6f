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
            var identity = await client.GetIdentityAsync(cancellationToken).ConfigureAwait(false);
            var sections = await client.GetSectionsAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<SectionStatus>();
            foreach (var section in sections)
            {
                int count = await client.CountSectionItemsAsync(section.Key, cancellationToken).ConfigureAwait(false);
                rows.Add(new SectionStatus(section.Key, section.Title, section.Type, section.Agent, count, section.Refreshing));
            }

            if (parseResult.GetValue(json))
            {
                PlexConnection.WriteJson(context, new
                {
                    url = client.BaseUrl.ToString(),
                    machineIdentifier = identity.MachineIdentifier,
                    version = identity.Version,
                    sections = rows,
                });
                return ExitCodes.Ok;
            }

            context.Out.WriteLine($"Plex Media Server {identity.Version} at {client.BaseUrl} (machine {identity.MachineIdentifier})");
            if (rows.Count == 0)
            {
                context.Out.WriteLine("No library sections.");
            }

            foreach (var row in rows)
            {
                context.Out.WriteLine(PlexConnection.Invariant(
                    $"  section {row.Key,-4} {row.Title,-30} {row.Type,-7} {row.Items,7} items  agent {row.Agent}{(row.Refreshing ? "  (refreshing)" : "")}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record SectionStatus(string Key, string? Title, string? Type, string? Agent, int Items, bool Refreshing);
}

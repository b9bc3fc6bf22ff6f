using System.CommandLine;
using PlexImprove.Cli.Commands.Plex;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands;

/// <summary><c>plex</c>: look at the Plex Media Server (identity, sections, items).</summary>
public static class PlexCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("plex", "Look at the Plex Media Server: identity, sections with their agents, items.");
        command.Subcommands.Add(PlexStatusCommand.Create(context));
        command.Subcommands.Add(PlexItemsCommand.Create(context));
        return command;
    }
}

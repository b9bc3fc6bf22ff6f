using PlexImprove.Core.Commands;

namespace PlexImprove.Cli.Commands;

/// <summary>What to tell an admin whose logs show no agent session yet: refresh items first, with the command.</summary>
public static class RefreshFirst
{
    /// <summary>The command that makes every agent of the server write its logs.</summary>
    public static string Command => PrintedCommand.Of("refresh --all --wait");

    public static string Advice(string logsDir) =>
        $"No agent has searched or updated anything in '{Path.GetFullPath(logsDir)}' yet, so there is nothing to measure. " +
        $"Refresh items first so the agents run and write their logs: '{Command}' (or --section ID, --agent NAME), then run this again.";
}

using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Commands;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Reports;

/// <summary>
/// The exact commands that undo a fix the run left in place: restore its files from the backup (with the fixes stacked
/// on it, which cannot stay without it), then restart the plug-ins that own them so Plex loads the restored code.
/// </summary>
public static class FixUndo
{
    public static IReadOnlyList<string> Commands(LoopState state, string workDir, FixRecord fix)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(fix);
        bool stackedOn = state.Fixes.Any(f => f.Status is FixState.Kept or FixState.Monitor && f.StackedOn.Contains(fix.Id, StringComparer.Ordinal));
        var commands = new List<string>
        {
            PrintedCommand.Of($"rollback --fix-id {PrintedCommand.Quote(fix.Id)} --work {PrintedCommand.Quote(workDir)} --plugins {PrintedCommand.Quote(state.PluginsDir)}{(stackedOn ? " --cascade" : "")}"),
        };
        if (InsideRunFolder(state.PluginsDir, workDir))
        {
            return commands; // The run's own box: it stopped with the run, so no server runs the code to restart.
        }

        var owners = Directory.Exists(state.PluginsDir) ? PluginBundles.Owning(PluginBundles.Find(state.PluginsDir), fix.Files) : [];
        commands.Add(PrintedCommand.Of($"restart --url {PrintedCommand.Quote(state.PlexUrl)} --plugins {PrintedCommand.Quote(state.PluginsDir)}" +
                                       string.Concat(owners.Select(o => " --plugin " + PrintedCommand.Quote(o)))));
        return commands;
    }

    /// <summary>True for the Plug-ins folder of a box the run started itself (a demo): nothing is left running on it.</summary>
    public static bool InsideRunFolder(string pluginsDir, string workDir) =>
        Path.GetFullPath(pluginsDir).StartsWith(Path.GetFullPath(workDir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

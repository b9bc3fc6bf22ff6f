using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary><c>backups</c>: list the backups of a work folder and how the live files compare.</summary>
public static class BackupsCommand
{
    public static Command Create(CliContext context)
    {
        var work = new Option<string?>("--work") { Description = "The work folder holding iteration_N/ (default: Run:WorkDir)." };
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder to compare with (default: Plex:PluginsDir, else the folder recorded in each backup)." };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var command = new Command("backups", "List backups (newest first) and their state: applied, stacked (a later fix on top), original (rolled back), partial, changed_since, unknown.");
        command.Options.Add(work);
        command.Options.Add(plugins);
        command.Options.Add(json);
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var workFolder = ChangeServices.Work(context, parseResult.GetValue(work));
            var pluginsOption = parseResult.GetValue(plugins);
            var configured = !string.IsNullOrWhiteSpace(pluginsOption) || !string.IsNullOrWhiteSpace(context.Settings.Plex.PluginsDir)
                ? TryOpen(ChangeServices.PluginsDir(context, pluginsOption))
                : null;
            var summaries = ChangeEngine.ListBackups(workFolder, configured);
            var incomplete = new BackupStore(workFolder).IncompleteFolders();
            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, new { work = workFolder.FullPath, backups = summaries, incomplete }).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (summaries.Count == 0)
            {
                await context.Out.WriteLineAsync($"No backups in '{workFolder.FullPath}'.").ConfigureAwait(false);
            }

            foreach (var summary in summaries)
            {
                var log = summary.LogStatus is null ? "" : $", log: {summary.LogStatus}";
                await context.Out.WriteLineAsync(
                    $"{summary.Backup}  iteration {summary.Iteration}  {summary.CreatedAt:yyyy-MM-dd HH:mm:ss}  {summary.Files.Count} file(s)  state: {State(summary)}{log}").ConfigureAwait(false);
                foreach (var file in summary.Files)
                {
                    await context.Out.WriteLineAsync($"    {file}").ConfigureAwait(false);
                }
            }

            foreach (var folder in incomplete)
            {
                await context.Out.WriteLineAsync($"{folder}: incomplete (no manifest; interrupted before any file was written)").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string State(BackupSummary summary) => summary.State switch
    {
        BackupState.Applied => "applied",
        BackupState.Stacked => $"applied, with later fix(es) {string.Join(", ", summary.LaterFixes.Select(f => $"'{f}'"))} on top (roll back with --cascade)",
        BackupState.Original => "original (rolled back or never written)",
        BackupState.Partial => "partial (some files applied, some original)",
        BackupState.ChangedSince => "changed since (a file was edited outside plex-improve after the fix)",
        _ => "unknown (Plug-ins folder not reachable)",
    };

    private static PluginsRoot? TryOpen(string path)
    {
        try
        {
            return new PluginsRoot(path);
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }
}

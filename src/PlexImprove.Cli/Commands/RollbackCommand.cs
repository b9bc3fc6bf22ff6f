using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Commands;

namespace PlexImprove.Cli.Commands;

/// <summary><c>rollback</c>: restore files from their backups, verifying hashes.</summary>
public static class RollbackCommand
{
    public static Command Create(CliContext context)
    {
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder (default: Plex:PluginsDir, else the OS default)." };
        var work = new Option<string?>("--work") { Description = "The work folder holding iteration_N/ (default: Run:WorkDir)." };
        var fixId = new Option<string?>("--fix-id") { Description = "Roll back this fix." };
        var iteration = new Option<int?>("--iteration") { Description = "Roll back every fix of iteration N (with --fix-id: only that iteration's backups of the fix)." };
        var all = new Option<bool>("--all") { Description = "Roll back every fix in the work folder, newest first." };
        var force = new Option<bool>("--force") { Description = "Restore even files changed outside plex-improve since the fix (that change is lost). Never discards a later fix: see --cascade." };
        var cascade = new Option<bool>("--cascade") { Description = "Also roll back the later fixes that changed the same files on top of this one, newest first." };
        var json = new Option<bool>("--json") { Description = "Print what was restored as JSON." };
        var command = new Command("rollback", "Restore files from their backups (newest first); later fixes on the same files need --cascade, outside edits need --force.");
        foreach (var option in new Option[] { plugins, work, fixId, iteration, all, force, cascade, json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(fixId) is null && result.GetValue(iteration) is null && !result.GetValue(all))
            {
                result.AddError("Say what to roll back: --fix-id ID, --iteration N or --all.");
            }
            else if (result.GetValue(all) && (result.GetValue(fixId) is not null || result.GetValue(iteration) is not null))
            {
                result.AddError("--all cannot be combined with --fix-id or --iteration.");
            }
        });
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var root = new PluginsRoot(ChangeServices.PluginsDir(context, parseResult.GetValue(plugins)));
            var engine = ChangeEngine.ForRollback(root, ChangeServices.Work(context, parseResult.GetValue(work)), TimeProvider.System);
            var restored = engine.RollbackFix(new RollbackRequest
            {
                FixId = parseResult.GetValue(fixId),
                Iteration = parseResult.GetValue(iteration),
                All = parseResult.GetValue(all),
                Force = parseResult.GetValue(force),
                Cascade = parseResult.GetValue(cascade),
            });
            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, new { rolledBack = restored }).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            foreach (var fix in restored)
            {
                var why = fix.Cascaded ? " (cascade: it was stacked on the fix asked for)" : "";
                await context.Out.WriteLineAsync($"Rolled back fix '{fix.FixId}' (iteration {fix.Iteration}) from {fix.Backup}{why}:").ConfigureAwait(false);
                foreach (var file in fix.Files)
                {
                    await context.Out.WriteLineAsync($"  {file.Action,-16} {file.Path}").ConfigureAwait(false);
                }
            }

            var owners = PluginBundles.Owning(PluginBundles.Find(root.FullPath), restored.SelectMany(f => f.Files).Where(f => f.Action != "already_original").Select(f => f.Path));
            await context.Out.WriteLineAsync(owners.Count == 0
                ? "Restart Plex (or the plug-in) for the restored code to take effect."
                : $"Plex runs the rolled-back code until the plug-in restarts: run '{PrintedCommand.Of("restart " + string.Join(" ", owners.Select(o => "--plugin " + PrintedCommand.Quote(o))))}'.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Cli.Commands;

/// <summary><c>restart</c>: restart Plex or the touched plugins without sudo, then verify they loaded (tool <c>restart_plex</c>).</summary>
public static class RestartCommand
{
    public static Command Create(CliContext context)
    {
        var method = new Option<string?>("--method") { Description = "auto | plugin | app | systemd | manual (default Plex:RestartMethod, auto)." };
        var plugin = new Option<string[]>("--plugin") { Description = "Bundle identifier of a touched plugin (com.plexapp.agents.NAME); its load is verified. Repeatable.", AllowMultipleArgumentsPerToken = true };
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder, to check plug-in names and find what the last fix changed (default: Plex:PluginsDir, else the OS default)." };
        var work = new Option<string?>("--work") { Description = "The work folder whose last fix names the plug-ins to restart when --plugin is not given (default: Run:WorkDir)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder for the load check (default Plex:LogsDir, else this OS's Plex location)." };
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("restart", "Restart Plex (or just the named plugins) without sudo, wait for it, and check each plugin logged 'Started plug-in'.")
        {
            method, plugin, plugins, work, logs, url, json,
        };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var plan = ChangedPluginRestart.Plan(
                new RestartRequest
                {
                    Method = ParseMethod(parseResult.GetValue(method) ?? context.Settings.Plex.RestartMethod),
                    Plugins = parseResult.GetValue(plugin) ?? [],
                    LogsDir = AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs)),
                },
                ChangeServices.PluginsDir(context, parseResult.GetValue(plugins)),
                ChangeServices.Work(context, parseResult.GetValue(work)));
            if (plan.FromFix is not null)
            {
                context.Error.WriteLine($"No --plugin given: restarting the plug-in(s) changed by the last fix '{plan.FromFix}': {string.Join(", ", plan.Request.Plugins)}.");
            }

            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url));
            RestartResult result;
            try
            {
                result = await new PlexRestarter(client, new ProcessRunner(), new ConsoleUserPrompt(context)).RestartAsync(plan.Request, cancellationToken).ConfigureAwait(false);
            }
            catch (RestartNeedsUserException e) when (plan.Request.Plugins.Count == 0 && plan.KnownPlugins.Count > 0)
            {
                // Without a plug-in the per-plugin restart was never tried; a server that offers it needs no admin.
                throw new RestartNeedsUserException(
                    e.ManualStep + $" Or, if this server offers the per-plugin restart, name the plug-in: {PrintedCommand.Of("restart --plugin ID")} (known: {string.Join(", ", plan.KnownPlugins)}).");
            }

            if (parseResult.GetValue(json))
            {
                PlexConnection.WriteJson(context, result);
            }
            else
            {
                foreach (var attempt in result.Attempts)
                {
                    context.Out.WriteLine($"{attempt.Method}: {(attempt.Succeeded ? "ok" : "failed")} — {attempt.Detail}");
                }

                context.Out.WriteLine($"Plex {result.ServerVersion} answers again.");
                foreach (var p in result.Plugins)
                {
                    context.Out.WriteLine($"  {p.Plugin}: {p.Status} — {p.Detail}");
                }
            }

            if (result.LoadFailures.Count > 0)
            {
                context.Error.WriteLine("error: a plugin did not load after the restart (critical: roll the fix back): " + string.Join("; ", result.LoadFailures));
                return ExitCodes.WorkFailed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Parses <c>auto|plugin|app|systemd|manual</c>.</summary>
    public static RestartMethod ParseMethod(string text) =>
        Enum.TryParse<RestartMethod>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _)
            ? parsed
            : throw new InvalidInputException($"Unknown restart method '{text}': use auto, plugin, app, systemd or manual (Plex:RestartMethod or --method).");
}

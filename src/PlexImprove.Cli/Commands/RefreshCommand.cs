using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Cli.Commands;

/// <summary><c>refresh</c>: refresh items and optionally wait until Plex has finished (tool <c>plex_refresh_items</c>).</summary>
public static class RefreshCommand
{
    public static Command Create(CliContext context)
    {
        var item = new Option<string[]>("--item") { Description = "ratingKey of an item to refresh; repeatable, or several after one --item.", Required = true, AllowMultipleArgumentsPerToken = true };
        var wait = new Option<bool>("--wait") { Description = "Wait until Plex reports each refresh finished (websocket, else polling)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one item may take before it counts as timed out (default Test:ItemTimeoutSeconds, 120)." };
        var force = new Option<bool>("--force") { Description = "Refresh even unchanged metadata (force=1)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder whose sessions tell each item's outcome with --wait (default Plex:LogsDir, else this OS's Plex location)." };
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("refresh", "Ask Plex to refresh items; with --wait, report what the agent did with each (matched, failed with the error, crashed, plugin not loaded, timed out).")
        {
            item, wait, timeout, force, logs, url, json,
        };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var keys = parseResult.GetValue(item) ?? [];
            if (keys.Length == 0 || keys.Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidInputException("Give at least one --item ratingKey (see 'plex items --section ID').");
            }

            bool asJson = parseResult.GetValue(json);
            var options = PlexConnection.RefreshOptions(context, parseResult.GetValue(force), parseResult.GetValue(wait), parseResult.GetValue(timeout));
            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url));
            string logsDir = AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs));
            var report = await RefreshProgressBar.RunAsync("Refreshing", keys.Distinct(StringComparer.Ordinal).Count(), show: options.Wait && !asJson,
                progress => new RefreshOutcomeJudge(client).RunAsync(keys, options, logsDir, progress, cancellationToken)).ConfigureAwait(false);

            foreach (var note in report.Notes)
            {
                context.Error.WriteLine("note: " + note);
            }

            if (asJson)
            {
                PlexConnection.WriteJson(context, report);
            }
            else
            {
                RefreshOutcomeRenderer.Render(report, context.Out);
            }

            if (report.Items.Any(r => !r.Ok && r.Outcome != RefreshOutcome.NotFound))
            {
                return ExitCodes.WorkFailed;
            }

            return report.Items.Any(r => r.Outcome == RefreshOutcome.NotFound) ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Cli.Commands;

/// <summary><c>refresh</c>: refresh items and optionally wait until Plex has finished (tool <c>plex_refresh_items</c>).</summary>
public static class RefreshCommand
{
    public static Command Create(CliContext context)
    {
        var item = new Option<string[]>("--item") { Description = "ratingKey of an item to refresh; repeatable, or several after one --item.", AllowMultipleArgumentsPerToken = true };
        var section = new Option<string[]>("--section") { Description = "Refresh every item of this library section (its id, see 'plex status'); repeatable.", AllowMultipleArgumentsPerToken = true };
        var agent = new Option<string[]>("--agent") { Description = "Refresh every item of the sections this agent serves (com.plexapp.agents.NAME or NAME); repeatable.", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Refresh every item of every section (with --agent: of that agent's sections)." };
        var wait = new Option<bool>("--wait") { Description = "Wait until Plex reports each refresh finished (websocket, else polling)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one item may take before it counts as timed out (default Test:ItemTimeoutSeconds, 120)." };
        var force = new Option<bool>("--force") { Description = "Refresh even unchanged metadata (force=1)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder whose sessions tell each item's outcome with --wait (default Plex:LogsDir, else this OS's Plex location)." };
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("refresh", "Ask Plex to refresh items; with --wait, report what the agent did with each (matched, failed with the error, crashed, plugin not loaded, timed out).")
        {
            item, section, agent, all, wait, timeout, force, logs, url, json,
        };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var targets = new RefreshTargets
            {
                Items = parseResult.GetValue(item) ?? [],
                Sections = parseResult.GetValue(section) ?? [],
                Agents = LoopHosting.Agents(parseResult.GetValue(agent)),
                All = parseResult.GetValue(all),
            };
            targets.Validate();
            bool asJson = parseResult.GetValue(json);
            var options = PlexConnection.RefreshOptions(context, parseResult.GetValue(force), parseResult.GetValue(wait), parseResult.GetValue(timeout));
            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url));
            string logsDir = AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs));
            var keys = await targets.ResolveAsync(client, cancellationToken).ConfigureAwait(false);
            var report = await RefreshProgressBar.RunAsync("Refreshing", keys.Count, show: options.Wait && !asJson,
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

using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Client;
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
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("refresh", "Ask Plex to refresh items (falls back to a folder refresh when the server refuses the item route).")
        {
            item, wait, timeout, force, url, json,
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
            var result = await RefreshProgressBar.RunAsync("Refreshing", keys.Distinct(StringComparer.Ordinal).Count(), show: options.Wait && !asJson,
                progress => new RefreshBatch(client, options).RunAsync(keys, progress, cancellationToken)).ConfigureAwait(false);

            foreach (var note in result.Notes)
            {
                context.Error.WriteLine("note: " + note);
            }

            if (asJson)
            {
                PlexConnection.WriteJson(context, result);
            }
            else
            {
                foreach (var r in result.Items)
                {
                    string how = r.Route == RefreshRoute.Folder ? " (folder refresh)" : "";
                    string detail = r.Error ?? r.CompletedBy ?? "";
                    context.Out.WriteLine($"{r.RatingKey,8}  {r.Status}{how}  {r.Title}  {detail}");
                }
            }

            if (result.Items.Any(r => r.Status is RefreshStatus.TimedOut or RefreshStatus.Failed))
            {
                return ExitCodes.WorkFailed;
            }

            return result.Items.Any(r => r.Status == RefreshStatus.NotFound) ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }
}

using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Cli.Rendering;

/// <summary>Prints one line per refreshed item (its outcome and why) and the totals, as plain text.</summary>
public static class RefreshOutcomeRenderer
{
    public static void Render(RefreshOutcomeReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var item in report.Items)
        {
            string how = item.Refresh.Route == RefreshRoute.Folder ? " (folder refresh)" : "";
            output.WriteLine($"{item.RatingKey,8}  {Label(item.Outcome),-17}  {item.Title}{how}  — {item.Detail}");
        }

        var totals = report.Items.GroupBy(i => i.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Label(g.Key)}");
        output.WriteLine($"{report.Items.Count} item(s): {string.Join(", ", totals)}.");
    }

    /// <summary>The outcome as an admin reads it.</summary>
    public static string Label(RefreshOutcome outcome) => outcome switch
    {
        RefreshOutcome.Matched => "matched",
        RefreshOutcome.NotMatched => "not matched",
        RefreshOutcome.Failed => "failed",
        RefreshOutcome.Crashed => "crashed",
        RefreshOutcome.PluginNotLoaded => "plugin not loaded",
        RefreshOutcome.NoSession => "no session",
        RefreshOutcome.Unfinished => "unfinished",
        RefreshOutcome.TimedOut => "timed out",
        RefreshOutcome.NotFound => "not found",
        RefreshOutcome.RefreshFailed => "refresh refused",
        RefreshOutcome.Finished => "finished",
        _ => "requested",
    };
}

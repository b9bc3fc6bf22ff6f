using PlexImprove.Plex.Refresh;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>The baseline and final refresh of every item (the demo's fresh library, and the measure of where it ended).</summary>
internal static class LibraryRefresh
{
    /// <summary>Refreshes every item of the targeted agents' sections and waits for each.</summary>
    public static async Task RunAsync(RunContext run, CancellationToken ct)
    {
        var plex = run.Services.Plex!;
        var targets = run.State.Agents;
        var keys = new List<string>();
        foreach (var section in await plex.GetSectionsAsync(ct).ConfigureAwait(false))
        {
            if (targets.Count == 0 || (section.Agent is { } agent && targets.Contains(agent)))
            {
                keys.AddRange((await plex.GetSectionItemsAsync(section.Key, cancellationToken: ct).ConfigureAwait(false)).Select(i => i.RatingKey));
            }
        }

        var result = await new RefreshBatch(plex, run.Options.Refresh).RunAsync(keys, run.Progress, ct).ConfigureAwait(false);
        run.Decide(RunContext.PhaseName(run.State.Phase), "refresh", $"Refreshed {result.Items.Count} item(s) of the library ({result.Items.Count(i => i.Status == RefreshStatus.Completed)} completed).");
    }
}

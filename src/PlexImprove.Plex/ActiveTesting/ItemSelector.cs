using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Plex.ActiveTesting;

/// <summary>
/// Chooses what to refresh from the baseline's sessions: the items whose sessions failed or crashed (the
/// <c>'id'</c> of a search, the <c>dbid</c> of an update), most recent failure first, and a control sample of
/// items whose every session succeeded, most recent first. Sessions without a ratingKey cannot be tested.
/// </summary>
public static class ItemSelector
{
    public static ItemSelection Select(IReadOnlyList<AgentSession> baselineSessions, int failedItems, int controlItems)
    {
        ArgumentNullException.ThrowIfNull(baselineSessions);
        ArgumentOutOfRangeException.ThrowIfNegative(failedItems);
        ArgumentOutOfRangeException.ThrowIfNegative(controlItems);

        var byItem = baselineSessions
            .Where(s => !string.IsNullOrEmpty(s.RatingKey))
            .GroupBy(s => s.RatingKey!, StringComparer.Ordinal)
            .Select(g => new
            {
                RatingKey = g.Key,
                Failed = g.Where(s => s.Outcome is SessionOutcome.Failed or SessionOutcome.Crashed).ToList(),
                AllSucceeded = g.All(s => s.Outcome == SessionOutcome.Succeeded),
                Last = g.MaxBy(s => s.Started)!,
            })
            .ToList();

        var failed = byItem
            .Where(i => i.Failed.Count > 0)
            .Select(i => i.Failed.MaxBy(s => s.Started)!)
            .OrderByDescending(s => s.Started)
            .ThenBy(s => s.RatingKey, StringComparer.Ordinal)
            .Select(s => new SelectedItem(s.RatingKey!, ItemRole.Failed, s.Agent, s.Started))
            .ToList();
        var controls = byItem
            .Where(i => i.AllSucceeded)
            .OrderByDescending(i => i.Last.Started)
            .ThenBy(i => i.RatingKey, StringComparer.Ordinal)
            .Select(i => new SelectedItem(i.RatingKey, ItemRole.Control, i.Last.Agent, i.Last.Started))
            .ToList();

        return new ItemSelection
        {
            Failed = failed.Take(failedItems).ToList(),
            Controls = controls.Take(controlItems).ToList(),
            FailedAvailable = failed.Count,
            ControlsAvailable = controls.Count,
        };
    }
}

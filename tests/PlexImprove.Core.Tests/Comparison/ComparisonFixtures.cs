using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Core.Tests.Comparison;

/// <summary>Builds item samples and counters with known numbers.</summary>
internal static class ComparisonFixtures
{
    /// <summary><paramref name="failedRepaired"/> of <paramref name="failed"/> failed items now succeed; <paramref name="controlsHeld"/> of <paramref name="controls"/> controls still do.</summary>
    public static List<ItemVerdict> Items(int failed, int failedRepaired, int controls = 0, int controlsHeld = 0)
    {
        var items = new List<ItemVerdict>();
        for (int i = 0; i < failed; i++)
        {
            items.Add(Verdict($"f{i}", ItemRole.Failed, succeeded: i < failedRepaired));
        }

        for (int i = 0; i < controls; i++)
        {
            items.Add(Verdict($"c{i}", ItemRole.Control, succeeded: i < controlsHeld));
        }

        return items;
    }

    public static ItemVerdict Verdict(string rk, ItemRole role, bool succeeded, ItemOutcome failure = ItemOutcome.Crashed) => new()
    {
        RatingKey = rk,
        Role = role,
        BaselineSucceeded = role == ItemRole.Control,
        LogOutcome = succeeded ? ItemOutcome.Succeeded : failure,
        Outcome = succeeded ? ItemOutcome.Succeeded : failure,
        Reason = succeeded ? "ok" : "crashed",
    };

    public static Counts Counts(long searches, long succeeded, params (string Exception, long Count)[] exceptions)
    {
        var counts = new Counts { SearchesStarted = searches, SearchesSucceeded = succeeded, SearchesFailed = searches - succeeded };
        foreach (var (exception, count) in exceptions)
        {
            counts.Exceptions[exception] = count;
        }

        return counts;
    }

    public static ComparisonResult Compare(List<ItemVerdict> items, Counts? before = null, Counts? after = null, DecisionThresholds? thresholds = null) =>
        MetricComparer.Compare(new ComparisonInput
        {
            Items = items,
            BaselineCounts = before ?? Counts(100, 40, ("HTTPError", 60)),
            AfterCounts = after ?? Counts(25, 25),
        }, thresholds);
}

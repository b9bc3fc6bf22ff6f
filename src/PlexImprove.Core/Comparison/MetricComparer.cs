using System.Globalization;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Signatures;
using PlexImprove.Core.Statistics;

namespace PlexImprove.Core.Comparison;

/// <summary>
/// Compares an active test with its baseline and decides KEEP, MONITOR or ROLLBACK. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// The decision rests on the same items before and after (success needs the log and Plex to agree), never
/// on error-line counts, so a fix that only stops logging an error cannot pass. Counter deltas are per 100
/// sessions started, because the baseline and the test windows differ in length.
/// </remarks>
public static class MetricComparer
{
    /// <summary>Every counter of the metrics document, in schema order.</summary>
    private static readonly (string Name, Func<Counts, long> Read)[] CounterReaders =
    [
        ("searchesStarted", c => c.SearchesStarted),
        ("searchesSucceeded", c => c.SearchesSucceeded),
        ("searchesFailed", c => c.SearchesFailed),
        ("searchesUnfinished", c => c.SearchesUnfinished),
        ("updatesStarted", c => c.UpdatesStarted),
        ("updatesSucceeded", c => c.UpdatesSucceeded),
        ("updatesFailed", c => c.UpdatesFailed),
        ("updatesUnfinished", c => c.UpdatesUnfinished),
        ("titleMatchFailures", c => c.TitleMatchFailures),
        ("studioMatchFailures", c => c.StudioMatchFailures),
        ("dateMatchFailures", c => c.DateMatchFailures),
        ("durationMatchFailures", c => c.DurationMatchFailures),
        ("noResults", c => c.NoResults),
        ("urlErrors", c => c.UrlErrors),
        ("timeouts", c => c.Timeouts),
        ("modelReadErrors", c => c.ModelReadErrors),
        ("loadFailures", c => c.LoadFailures),
        ("noise", c => c.Noise),
        ("levels.DEBUG", c => c.Levels.Debug),
        ("levels.INFO", c => c.Levels.Info),
        ("levels.WARNING", c => c.Levels.Warning),
        ("levels.ERROR", c => c.Levels.Error),
        ("levels.CRITICAL", c => c.Levels.Critical),
    ];

    /// <summary>Compares before and after and takes the decision (tool <c>compare_metrics</c>).</summary>
    /// <param name="input">The tested items and both windows' metrics for the affected agents.</param>
    /// <param name="thresholds">Decision thresholds; defaults when null.</param>
    public static ComparisonResult Compare(ComparisonInput input, DecisionThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        thresholds ??= new DecisionThresholds();
        thresholds.Validate();

        var counted = input.Items.Where(i => i.Counted).ToList();
        long beforeOk = counted.Count(i => i.BaselineSucceeded);
        long afterOk = counted.Count(i => i.Succeeded);
        long n = counted.Count;
        var failedItems = counted.Where(i => i.Role == ItemRole.Failed).ToList();
        var controls = counted.Where(i => i.Role == ItemRole.Control).ToList();

        long beforeSessions = input.BaselineCounts.Started;
        long afterSessions = input.AfterCounts.Started;
        var counters = CounterReaders
            .Select(r => Delta(r.Name, r.Read(input.BaselineCounts), r.Read(input.AfterCounts), beforeSessions, afterSessions))
            .ToList();
        var http = KeyedDeltas(input.BaselineCounts.HttpErrors, input.AfterCounts.HttpErrors, beforeSessions, afterSessions);
        var exceptions = KeyedDeltas(input.BaselineCounts.Exceptions, input.AfterCounts.Exceptions, beforeSessions, afterSessions);
        var signatures = SignatureDeltas(input.BaselineSignatures, input.AfterSignatures, beforeSessions, afterSessions);
        var newSignatures = signatures.Where(s => s.IsNew).ToList();

        var critical = new List<CriticalResult>();
        critical.AddRange(input.LoadFailures.Select(f => new CriticalResult(CriticalKind.LoadFailure, f)));
        if (input.AfterCounts.LoadFailures > 0 && input.LoadFailures.Count == 0)
        {
            critical.Add(new CriticalResult(CriticalKind.LoadFailure,
                $"The plugin log shows {input.AfterCounts.LoadFailures} load failure(s) ('Exception while loading code') in the test window."));
        }

        critical.AddRange(input.AfterCounts.Exceptions
            .Where(e => e.Value > 0 && !input.BaselineCounts.Exceptions.ContainsKey(e.Key))
            .Select(e => new CriticalResult(CriticalKind.NewExceptionType,
                $"{e.Key} was raised {e.Value} time(s) after the fix and never in the baseline.")));
        critical.AddRange(controls
            .Where(i => i.BaselineSucceeded && !i.Succeeded)
            .Select(i => new CriticalResult(CriticalKind.ControlRegressed,
                $"Control item {i.RatingKey}{(i.Title is null ? "" : $" ({i.Title})")} succeeded before and now: {i.Reason}")));

        var after = RateSummary.Of(afterOk, n);
        return new ComparisonResult
        {
            Before = RateSummary.Of(beforeOk, n),
            After = after,
            FailedItemsRepaired = RateSummary.Of(failedItems.Count(i => i.Succeeded), failedItems.Count),
            ControlsHeld = RateSummary.Of(controls.Count(i => i.Succeeded), controls.Count),
            FisherPValue = FisherExactTest.TwoSided(beforeOk, n - beforeOk, afterOk, n - afterOk),
            FisherPValueImproved = FisherExactTest.Greater(beforeOk, n - beforeOk, afterOk, n - afterOk),
            Counters = counters,
            HttpErrors = http,
            Exceptions = exceptions,
            Signatures = signatures,
            NewSignatures = newSignatures,
            Critical = critical,
            Thresholds = thresholds,
            Decision = Decide(after, critical, thresholds),
        };
    }

    /// <summary>
    /// The decision table: any critical result → ROLLBACK; success below the monitor threshold → ROLLBACK;
    /// an interval wider than the limit → MONITOR ("too few items to tell") unless even its lower bound reaches
    /// the keep threshold; otherwise KEEP at or above the keep threshold, MONITOR between the two.
    /// </summary>
    public static TestDecision Decide(RateSummary after, IReadOnlyList<CriticalResult> critical, DecisionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(critical);
        ArgumentNullException.ThrowIfNull(thresholds);
        string keep = Percent(thresholds.KeepAtLeast);
        string monitor = Percent(thresholds.MonitorAtLeast);

        if (critical.Count > 0)
        {
            return new TestDecision
            {
                Decision = KeepDecision.Rollback,
                TooFewItems = after.WidthPoints > thresholds.MaxIntervalWidthPoints,
                Reason = $"Critical result ({string.Join("; ", critical.Select(c => c.Kind))}): rolled back whatever the success rate.",
            };
        }

        if (after.Items == 0 || after.Rate is not { } rate || after.Ci95 is not { } ci)
        {
            return new TestDecision
            {
                Decision = KeepDecision.Monitor,
                TooFewItems = true,
                Reason = "No item could be tested: too few items to tell.",
            };
        }

        string observed = $"{after.Succeeded}/{after.Items} = {Percent(rate)} (95% CI {Percent(ci[0])}–{Percent(ci[1])})";
        bool tooFew = after.WidthPoints > thresholds.MaxIntervalWidthPoints;
        if (rate < thresholds.MonitorAtLeast)
        {
            // A fix that does not show it works is not kept, however few the items.
            return new TestDecision
            {
                Decision = KeepDecision.Rollback,
                TooFewItems = tooFew,
                Reason = $"Success {observed} is below {monitor}.",
            };
        }

        if (tooFew && ci[0] < thresholds.KeepAtLeast)
        {
            // Too wide to tell: never keep on weak evidence; keep watching instead.
            return new TestDecision
            {
                Decision = KeepDecision.Monitor,
                TooFewItems = true,
                Reason = $"Success {observed}: the interval is wider than {thresholds.MaxIntervalWidthPoints.ToString(CultureInfo.InvariantCulture)} points, too few items to tell. Test more items (--items) or watch natural traffic.",
            };
        }

        if (rate >= thresholds.KeepAtLeast)
        {
            return new TestDecision
            {
                Decision = KeepDecision.Keep,
                TooFewItems = tooFew,
                Reason = tooFew
                    ? $"Success {observed}: few items, but even the interval's lower bound reaches {keep}."
                    : $"Success {observed} is at least {keep}.",
            };
        }

        return new TestDecision { Decision = KeepDecision.Monitor, Reason = $"Success {observed} is between {monitor} and {keep}." };
    }
    private static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static CounterDelta Delta(string name, long before, long after, long beforeSessions, long afterSessions) => new()
    {
        Name = name,
        Before = before,
        After = after,
        BeforePer100 = beforeSessions == 0 ? null : 100.0 * before / beforeSessions,
        AfterPer100 = afterSessions == 0 ? null : 100.0 * after / afterSessions,
    };

    private static List<CounterDelta> KeyedDeltas(
        IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after, long beforeSessions, long afterSessions) =>
        before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(k => Delta(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k), beforeSessions, afterSessions))
            .ToList();

    private static List<SignatureDelta> SignatureDeltas(
        IReadOnlyList<SignatureSummary> before, IReadOnlyList<SignatureSummary> after, long beforeSessions, long afterSessions)
    {
        var beforeById = before.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var afterById = after.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return beforeById.Keys.Union(afterById.Keys, StringComparer.Ordinal)
            .Select(id =>
            {
                var b = beforeById.GetValueOrDefault(id);
                var a = afterById.GetValueOrDefault(id);
                var any = (a ?? b)!;
                return new SignatureDelta
                {
                    Id = id,
                    Kind = any.Kind,
                    Text = any.Text,
                    Counts = Delta(id, b?.Count ?? 0, a?.Count ?? 0, beforeSessions, afterSessions),
                    IsNew = b is null && a is { Count: > 0 },
                };
            })
            .OrderByDescending(s => s.IsNew)
            .ThenByDescending(s => s.Counts.After)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }
}

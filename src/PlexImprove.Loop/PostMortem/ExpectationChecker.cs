using System.Globalization;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Reflection;
using PlexImprove.Core.Comparison;

namespace PlexImprove.Loop.PostMortem;

/// <summary>
/// Checks one expected result against a test's comparison. <c>successRate</c> is the tested items' success (0..1);
/// every other metric is events per 100 sessions: a counter (<c>titleMatchFailures</c>), <c>http.403</c>,
/// <c>exception.IndexError</c> or <c>signature.&lt;id&gt;</c>. With a target: met when it is reached, partly when
/// the metric moved the right way without reaching it. Without one: a decrease is met at zero, partly when lower;
/// an increase is met when higher.
/// </summary>
public static class ExpectationChecker
{
    public static ExpectedResultCheck Check(ExpectedResult expected, ComparisonResult? comparison)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (comparison is null)
        {
            return new ExpectedResultCheck(expected, null, null, ExpectationVerdict.Unmeasured, "The fix was not tested, so nothing was measured.");
        }

        if (!TryRead(expected.Metric, comparison, out double? before, out double? after, out string unit))
        {
            return new ExpectedResultCheck(expected, null, null, ExpectationVerdict.Unmeasured,
                $"'{expected.Metric}' is not a metric of the test report (successRate, a counter, http.<code>, exception.<type> or signature.<id>).");
        }

        if (after is not { } a)
        {
            return new ExpectedResultCheck(expected, before, null, ExpectationVerdict.Unmeasured, "The test window started no session, so the metric has no value.");
        }

        double b = before ?? 0;
        bool better = expected.Direction == ChangeDirection.Decrease ? a < b : a > b;
        string verdict = expected.Target is { } target
            ? (expected.Direction == ChangeDirection.Decrease ? a <= target : a >= target) ? ExpectationVerdict.Met
              : better ? ExpectationVerdict.Partly : ExpectationVerdict.NotMet
            : expected.Direction == ChangeDirection.Decrease
                ? a <= 0 ? ExpectationVerdict.Met : better ? ExpectationVerdict.Partly : ExpectationVerdict.NotMet
                : better ? ExpectationVerdict.Met : ExpectationVerdict.NotMet;
        string goal = expected.Target is { } t ? $"{(expected.Direction == ChangeDirection.Decrease ? "at most" : "at least")} {Format(t, unit)}" : expected.Direction == ChangeDirection.Decrease ? "lower" : "higher";
        string detail = $"{expected.Metric}: {Format(before, unit)} → {Format(a, unit)} (expected {goal}).";
        return new ExpectedResultCheck(expected, before, a, verdict, detail);
    }

    private static bool TryRead(string metric, ComparisonResult c, out double? before, out double? after, out string unit)
    {
        unit = "per 100 sessions";
        before = after = null;
        if (string.Equals(metric, "successRate", StringComparison.OrdinalIgnoreCase))
        {
            unit = "rate";
            before = c.Before.Rate;
            after = c.After.Rate;
            return true;
        }

        CounterDelta? delta = null;
        int dot = metric.IndexOf('.', StringComparison.Ordinal);
        string prefix = dot > 0 ? metric[..dot] : "";
        string key = dot > 0 ? metric[(dot + 1)..] : metric;
        switch (prefix)
        {
            case "http":
                delta = c.HttpErrors.FirstOrDefault(d => d.Name == key) ?? Zero(c, key);
                break;
            case "exception":
                delta = c.Exceptions.FirstOrDefault(d => d.Name == key) ?? Zero(c, key);
                break;
            case "signature":
                delta = c.Signatures.FirstOrDefault(s => s.Id == key)?.Counts ?? Zero(c, key);
                break;
            default:
                delta = c.Counters.FirstOrDefault(d => d.Name == metric);
                break;
        }

        if (delta is null)
        {
            return false;
        }

        before = delta.BeforePer100;
        after = delta.AfterPer100;
        return true;
    }

    // A status, exception or signature seen in neither window is zero in both (when sessions were started).
    private static CounterDelta Zero(ComparisonResult c, string name)
    {
        var started = c.Counters.FirstOrDefault(d => d.Name == "searchesStarted");
        return new CounterDelta
        {
            Name = name,
            BeforePer100 = started?.BeforePer100 is null ? null : 0,
            AfterPer100 = started?.AfterPer100 is null ? null : 0,
        };
    }

    private static string Format(double? value, string unit) => value is not { } v ? "n/a"
        : unit == "rate" ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"
        : v.ToString("0.#", CultureInfo.InvariantCulture) + " per 100 sessions";
}

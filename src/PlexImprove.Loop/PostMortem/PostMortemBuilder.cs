using System.Globalization;
using PlexImprove.Agent.Reflection;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.PostMortem;

/// <summary>
/// Phase 5: for each intervention point, every expected result against the measurement (met / partly / not met,
/// with the numbers), the side effects (signatures never seen before, HTTP statuses whose rate rose), what was
/// missed and why, and the final decision. Pure: it reads only the proposals, the run's records and the test reports.
/// </summary>
public static class PostMortemBuilder
{
    /// <summary>How far (as a share) the live success may be from the pre-flight's prediction before the post-mortem calls it a miss.</summary>
    public const double PreflightTolerance = 0.25;

    public static PostMortemReport Build(int iteration, IReadOnlyList<PostMortemInput> inputs)
    {
        var entries = new List<PostMortemEntry>();
        var outcomes = new List<InterventionOutcome>();
        foreach (var (proposal, record, test) in inputs)
        {
            var comparison = test?.Comparison;
            var checks = proposal.ExpectedResults.Select(e => ExpectationChecker.Check(e, comparison)).ToList();
            var newSignatures = comparison?.NewSignatures.Select(s => $"{s.Id}: {s.Text}").ToList() ?? [];
            var rose = comparison?.HttpErrors
                .Where(d => (d.AfterPer100 ?? 0) > (d.BeforePer100 ?? 0))
                .Select(d => new HttpStatusRise(d.Name, d.BeforePer100 ?? 0, d.AfterPer100 ?? 0))
                .ToList() ?? [];
            var status = OutcomeOf(record.Status);

            var missed = new List<string>();
            foreach (var check in checks.Where(c => c.Verdict is ExpectationVerdict.NotMet or ExpectationVerdict.Partly))
            {
                missed.Add($"{check.Detail} The cause was only partly right, or another failure sits behind it.");
            }

            foreach (var rise in rose.Where(r => !proposal.ExpectedResults.Any(e => e.Metric == "http." + r.Status)))
            {
                missed.Add(string.Create(CultureInfo.InvariantCulture,
                    $"HTTP {rise.Status} rose from {rise.Before:0.#} to {rise.After:0.#} per 100 sessions, which the diagnosis did not expect: the fix exposed the next failure."));
            }

            foreach (var signature in newSignatures)
            {
                missed.Add($"A new error appeared after the fix: {signature}.");
            }

            if (record.LoadFailures.Count > 0)
            {
                missed.Add($"The plugin did not load after the change ({string.Join("; ", record.LoadFailures)}): the gate cannot see every runtime import or name Plex refuses.");
            }

            // The pre-flight's count was a prediction: a live result far from it says the box and Plex differ for this fix
            // (pacing, state the copy did not have, items outside the sample).
            if (record.Preflight is { Rate: { } predicted } preflight && record.SuccessAfter is { } live && Math.Abs(predicted - live) > PreflightTolerance)
            {
                missed.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The pre-flight predicted {predicted:P0} of the failing items would match ({preflight.Matched}/{preflight.Tried}); the live test measured {live:P0} of the tested items."));
            }

            entries.Add(new PostMortemEntry
            {
                FixId = record.Id,
                Title = record.Title,
                Agents = record.Agents,
                Status = status,
                Reason = record.Reason,
                SuccessBefore = record.SuccessBefore,
                SuccessAfter = record.SuccessAfter,
                Expected = [.. checks.Select(c => new PostMortemCheck(c.Expected.Metric, c.Expected.Direction.ToString().ToLowerInvariant(), c.Expected.Target, c.Before, c.After, c.Verdict, c.Detail))],
                NewSignatures = newSignatures,
                HttpStatusesRose = rose,
                Missed = missed,
                Preflight = record.Preflight?.Summary,
            });
            outcomes.Add(new InterventionOutcome
            {
                Fix = proposal,
                Status = status,
                SuccessBefore = record.SuccessBefore,
                SuccessAfter = record.SuccessAfter,
                Checks = checks,
                NewSignatures = newSignatures,
                HttpStatusesRose = rose.ToDictionary(r => r.Status, r => (r.Before, r.After), StringComparer.Ordinal),
                Reason = record.Reason,
            });
        }

        return new PostMortemReport { Iteration = iteration, Interventions = entries, Outcomes = outcomes };
    }

    /// <summary>The post-mortem's decision for a fix's state in the run (the two enums name the same decisions).</summary>
    public static OutcomeStatus OutcomeOf(FixState state) => state switch
    {
        FixState.Pending => OutcomeStatus.Pending,
        FixState.Kept => OutcomeStatus.Kept,
        FixState.Monitor => OutcomeStatus.Monitor,
        FixState.RolledBack => OutcomeStatus.RolledBack,
        FixState.Blocked => OutcomeStatus.Blocked,
        FixState.NotApplicable => OutcomeStatus.NotApplicable,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A fix state the post-mortem does not know."),
    };
}

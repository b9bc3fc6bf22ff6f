using System.Globalization;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Reflection;
using PlexImprove.Core.Json;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// Phase 5 by rule, from measured outcomes only: a fix after which a rate-limit status rose teaches pacing; a kept
/// fix confirms the lessons it applied; a fix after which the plug-in no longer loads teaches to respect the loader.
/// Lesson texts stay general (no file, line or site).
/// </summary>
public static class PlaybookReflection
{
    public const string PaceUnblockedSitesId = "diagnose-pace-unblocked-sites";
    public const string PaceUnblockedSitesText = "Pace requests (a pause after each one, honouring Retry-After) whenever a fix unblocks a site or changes how often an agent calls it: an unblocked site's rate limit shows up next.";
    public const string RespectLoaderId = "implement-respect-plex-loader";
    public const string RespectLoaderText = "Check every change against Plex's loader rules before applying it (no names or attributes starting with '_', no augmented assignment other than += on a plain name, no sum/any/all/next/iter/open, no yield): a plug-in that no longer loads fails every item.";

    private static readonly string[] RateLimitStatuses = ["429", "503"];

    public static IReadOnlyList<LessonOperation> Reflect(ReflectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operations = new List<LessonOperation>();
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in request.Outcomes)
        {
            var fix = outcome.Fix;
            foreach (var status in RateLimitStatuses)
            {
                if (!outcome.HttpStatusesRose.TryGetValue(status, out var rose) || rose.After <= rose.Before)
                {
                    continue;
                }

                var evidence = new LessonEvidence
                {
                    Iteration = request.Iteration,
                    FixId = fix.Id,
                    Delta = $"http {status} per 100 sessions {Number(rose.Before)} → {Number(rose.After)}",
                };
                var existing = request.Lessons.Find(PaceUnblockedSitesId);
                if (fix.LessonsApplied.Contains(PaceUnblockedSitesId, StringComparer.Ordinal) || (existing is not null && FixPaced(fix)))
                {
                    // The fix paced its requests and the status still rose: the lesson did not hold here.
                    if (existing is not null && touched.Add(existing.Id))
                    {
                        operations.Add(new LessonOperation { Kind = LessonOperationKind.Contradict, RuleId = existing.Id, Evidence = evidence });
                    }
                }
                else if (existing is not null)
                {
                    if (touched.Add(existing.Id))
                    {
                        operations.Add(new LessonOperation { Kind = LessonOperationKind.Confirm, RuleId = existing.Id, Evidence = evidence });
                    }
                }
                else if (touched.Add(PaceUnblockedSitesId))
                {
                    operations.Add(new LessonOperation
                    {
                        Kind = LessonOperationKind.Add,
                        RuleId = PaceUnblockedSitesId,
                        Phase = LessonPhase.Diagnose,
                        Polarity = LessonPolarity.Do,
                        Text = PaceUnblockedSitesText,
                        Tags = ["http", status, "pacing"],
                        Evidence = evidence,
                    });
                }
            }

            if (outcome.Status == OutcomeStatus.Kept)
            {
                foreach (var lesson in fix.LessonsApplied.Where(id => request.Lessons.Find(id) is not null))
                {
                    if (touched.Add(lesson))
                    {
                        operations.Add(new LessonOperation
                        {
                            Kind = LessonOperationKind.Confirm,
                            RuleId = lesson,
                            Evidence = new LessonEvidence { Iteration = request.Iteration, FixId = fix.Id, Delta = SuccessDelta(outcome) },
                        });
                    }
                }
            }

            if (outcome.Status == OutcomeStatus.RolledBack && NoLongerLoads(outcome))
            {
                var existing = request.Lessons.Find(RespectLoaderId);
                var evidence = new LessonEvidence { Iteration = request.Iteration, FixId = fix.Id, Delta = "the plug-in no longer loaded after the change; " + SuccessDelta(outcome) };
                if (!touched.Add(RespectLoaderId))
                {
                    continue;
                }

                operations.Add(existing is not null
                    ? new LessonOperation { Kind = LessonOperationKind.Confirm, RuleId = existing.Id, Evidence = evidence }
                    : new LessonOperation
                    {
                        Kind = LessonOperationKind.Add,
                        RuleId = RespectLoaderId,
                        Phase = LessonPhase.Implement,
                        Polarity = LessonPolarity.Dont,
                        Text = RespectLoaderText,
                        Tags = ["loader", "python27"],
                        Evidence = evidence,
                    });
            }
        }

        return operations;
    }

    private static bool FixPaced(FixProposal fix) =>
        fix.Patch is { } patch && (patch.Edits.Any(e => e.New.Contains("sleep=", StringComparison.Ordinal) && !e.Old.Contains("sleep=", StringComparison.Ordinal))
            || (patch.Diff?.Contains("sleep=", StringComparison.Ordinal) ?? false))
        || fix.Id.StartsWith(RateLimitRule.RuleName, StringComparison.Ordinal);

    private static bool NoLongerLoads(InterventionOutcome outcome) =>
        (outcome.Reason?.Contains("load", StringComparison.OrdinalIgnoreCase) ?? false)
        || outcome.NewSignatures.Any(s => s.Contains("Exception while loading code", StringComparison.Ordinal) || s.Contains("Exception starting plug-in", StringComparison.Ordinal) || s.StartsWith("load", StringComparison.Ordinal));

    private static string SuccessDelta(InterventionOutcome outcome) =>
        outcome.SuccessBefore is { } before && outcome.SuccessAfter is { } after
            ? $"success rate {Percent(before)} → {Percent(after)}"
            : $"decision {SnakeCaseName.Of(outcome.Status)}";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

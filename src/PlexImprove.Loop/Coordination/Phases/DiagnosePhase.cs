using System.Globalization;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>
/// Phase 2: the brain diagnoses the iteration's window (read from the archive), the change engine previews every
/// patch, and each proposal becomes a fix record. In: the window, the lessons, the fixes tried so far. Out:
/// <c>diagnostic_report.json</c> and the iteration's fix records, and which pursued agents were seen on fresh sessions.
/// </summary>
internal sealed class DiagnosePhase(RunContext run)
{
    private readonly RunContext _run = run;

    /// <summary>Diagnoses the iteration's window and records each proposal (repeats and proposals that do not apply are closed at once).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (DiagnosisFiles.Read(_run.IterationDir) is not null && _run.FixesOf(_run.State.Iteration).Any())
        {
            return; // Diagnosed before the process stopped.
        }

        DiagnosticReport report;
        AggregationResult aggregation;
        using (_run.Timed("diagnose"))
        {
            _run.Observe(LoopPhase.Diagnose, $"{_run.Services.Brain.Name} brain");
            aggregation = _run.AggregateWindow(_run.State.IterationWindowStart, _run.State.IterationWindowEnd ?? _run.Now(), _run.State.IterationWindows, ct);
            report = await _run.Services.Brain.DiagnoseAsync(new DiagnosisRequest
            {
                Aggregation = aggregation,
                Digest = DigestWriter.Write(aggregation.Metrics),
                PluginsDir = _run.Options.PluginsDir,
                LogsDir = _run.Archive.Folder,
                Agents = _run.State.Agents,
                Lessons = _run.Lessons.Load(),
                Iteration = _run.State.Iteration,
                Attempted = [.. _run.State.Fixes.Select(f => new AttemptedFix(f.Id, f.Title, f.Agents, LoopCoordinator.Status(f.Status), f.PatchHash))],
                Preflight = _run.Services.Preflight, // pre-flight: candidates are run before they are proposed
            }, ct).ConfigureAwait(false);
            await new DiagnosisVerifier(_run.Services.Changes).VerifyAsync(report, _run.State.Iteration, ct).ConfigureAwait(false);
            DiagnosisFiles.Write(_run.IterationDir, report);
        }

        foreach (var fix in report.Fixes.Select((f, i) => (f, i)).OrderBy(x => x.f.Priority).ThenByDescending(x => x.f.Confidence).ThenBy(x => x.i).Select(x => x.f))
        {
            var earlier = _run.State.Fixes.Find(f => f.Id == fix.Id);
            var record = new FixRecord { Id = fix.Id, Iteration = _run.State.Iteration, Title = fix.Title, Agents = fix.Agents, LessonsApplied = fix.LessonsApplied, PatchHash = fix.Patch is null ? null : PlaybookBrain.PatchHash(fix.Patch) };
            if (earlier is not null)
            {
                record.Status = FixState.NotApplicable;
                record.Step = FixStep.Done;
                record.AlreadyTriedIn = earlier.Iteration;
                record.Reason = $"Already tried in iteration {earlier.Iteration} ({LoopCoordinator.Status(earlier.Status)}).";
            }
            else if (fix.Verification is { Applicable: false } v)
            {
                record.Status = FixState.NotApplicable;
                record.Step = FixStep.Done;
                record.Reason = v.Reason + (v.Findings.Count > 0 ? " " + string.Join("; ", v.Findings) : "");
            }
            else if (_run.Options.DryRun)
            {
                record.Step = FixStep.Done;
                record.Reason = "Validated on a scratch copy of the bundles (dry run): it applies and passes the Python 2.7 gate.";
            }

            record.Files = fix.Verification?.Files ?? [];
            _run.State.Fixes.Add(record);
            _run.Decide("diagnose", "propose", $"{fix.Title}: {fix.RootCause}", fix.Id,
                inputs: [.. fix.Evidence.Select(e => $"{e.Kind} {e.Ref}".Trim())],
                evidence: [.. fix.ExpectedResults.Select(e => $"expect {e.Metric} {e.Direction.ToString().ToLowerInvariant()}{(e.Target is { } t ? " to " + t.ToString("0.##", CultureInfo.InvariantCulture) : "")}"),
                           .. fix.LessonsApplied.Select(l => "lesson " + l)]);
        }

        FailingAgents.MarkDiagnosed(_run.State, aggregation.Metrics, _run.State.Iteration);
        foreach (var declared in FailingAgents.DeclareOutOfReach(_run.State, report.OutOfReach, _run.State.Iteration))
        {
            _run.Decide("diagnose", "unfixable", declared.ToString(), evidence: [.. report.OutOfReach.First(o => FailingAgents.SameAgent(o.Agent, declared.Agent)).Evidence.Select(e => $"{e.Kind} {e.Ref}: {e.Excerpt}".Trim())]);
        }

        _run.Save();
    }
}

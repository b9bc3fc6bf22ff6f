using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.Preflight;
using PlexImprove.Loop.State;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>
/// Phases 3 and 4 for one fix, as a state machine over <see cref="FixStep"/>: queued → (before apply) → applying →
/// applied → restarted → decided → done. Every step is saved before the next begins, so a killed run resumes at the
/// step it stopped in.
/// </summary>
internal sealed class FixSteps(RunContext run)
{
    private readonly RunContext _run = run;

    /// <summary>Moves the fix through its steps from where it stands (a resumed run continues at its saved step).</summary>
    public async Task RunAsync(FixRecord record, CancellationToken ct)
    {
        var proposal = _run.Proposal(record);
        _run.State.CurrentFix = record.Id;
        if (record.Step == FixStep.Applying)
        {
            // Killed around the write: the implementation log and the hashes say whether it landed (a half-written
            // fix was already restored by RepairInterruptedWrites).
            var logged = new ImplementationLogStore(_run.Work).Load(record.Iteration).Fixes.Find(f => f.FixId == record.Id);
            record.Step = logged?.Status == FixStatus.Applied ? FixStep.Applied : FixStep.Queued;
        }

        if (record.Step == FixStep.Queued)
        {
            await ApplyAsync(record, proposal, ct).ConfigureAwait(false);
        }

        if (record.Step == FixStep.Applied)
        {
            await RestartAsync(record, ct).ConfigureAwait(false);
            record.Step = FixStep.Restarted;
            _run.Step(record, record.LoadFailures.Count > 0 ? "the plugin did not load: " + string.Join("; ", record.LoadFailures) : "restarted, plugin loaded");
        }

        if (record.Step == FixStep.Restarted)
        {
            await TestAsync(record, ct).ConfigureAwait(false);
        }

        if (record.Step == FixStep.Decided)
        {
            if (record.Decision == KeepDecision.Rollback)
            {
                using (_run.Timed("rollback"))
                {
                    var restored = _run.Services.Changes.RollbackFix(new RollbackRequest { FixId = record.Id, Iteration = record.Iteration });
                    _run.Decide("test", "rolled back", $"Restored {restored.Sum(r => r.Files.Count)} file(s) from the backup, then restarted the plugin.", record.Id);
                }

                await RestartAsync(record, ct, afterRollback: true).ConfigureAwait(false);
                record.RolledBackAt = _run.Now();
                record.Status = FixState.RolledBack;
            }
            else
            {
                record.Status = record.Decision == KeepDecision.Keep ? FixState.Kept : FixState.Monitor;
            }

            RememberWindows(record);
            record.Step = FixStep.Done;
            _run.Step(record, LoopCoordinator.Status(record.Status));
        }
    }

    private async Task ApplyAsync(FixRecord record, FixProposal proposal, CancellationToken ct)
    {
        var metrics = _run.IterationMetrics();
        bool failing = record.Agents.Any(a => metrics.Agents.TryGetValue(a, out var c) && c.Started > c.Succeeded);
        if (!failing)
        {
            record.Status = FixState.NotApplicable;
            record.Step = FixStep.Done;
            record.Reason = $"The iteration's window shows no failed session of {string.Join(", ", record.Agents)}: nothing to test the fix on, so it was not applied.";
            _run.Step(record, record.Reason);
            return;
        }

        if (await BeforeApplyAsync(record, proposal, ct).ConfigureAwait(false) is { } refusal)
        {
            record.Status = FixState.NotApplicable;
            record.Step = FixStep.Done;
            record.Reason = refusal;
            _run.Decide("implement", "not applied", refusal, record.Id);
            _run.Step(record, refusal);
            return;
        }

        // ── Pre-flight (generate and verify): the fix runs on a scratch copy first; one that makes no failing item match never reaches Plex. ──
        if (_run.Services.Preflight is { } preflight)
        {
            PreflightVerdict verdict;
            using (_run.Timed("preflight"))
            {
                _run.Step(record, "pre-flight: running the patched copy on failing items");
                var sessions = _run.AggregateWindow(_run.State.IterationWindowStart, _run.State.IterationWindowEnd ?? _run.Now(), _run.State.IterationWindows, ct).Sessions;
                verdict = await new PreflightGate(preflight).CheckAsync(proposal, sessions, _run.Archive.Folder, _run.IterationDir, ct).ConfigureAwait(false);
            }

            record.Preflight = new PreflightPrediction { Tried = verdict.Tried, Matched = verdict.Matched, Summary = verdict.Summary, File = verdict.FileName };
            _run.Decide("implement", "preflight", verdict.Summary, record.Id, inputs: [verdict.FileName], evidence: [.. verdict.Results.SelectMany(r => r.Tracebacks).Take(2)]);
            if (!verdict.Allows)
            {
                record.Status = FixState.NotApplicable;
                record.Step = FixStep.Done;
                record.Reason = $"Not applied: {verdict.Summary}.";
                _run.Step(record, record.Reason);
                return;
            }
        }

        string expected = RunContext.Expected(proposal);
        _run.Decide("implement", "expect", $"Before applying: {expected}.", record.Id, evidence: [proposal.ExpectedVsObserved.Expected]);
        record.StackedOn = [.. _run.State.Fixes.Where(f => f != record && f.Status is FixState.Kept or FixState.Monitor && f.Files.Intersect(record.Files, StringComparer.Ordinal).Any()).Select(f => f.Id)];
        record.Step = FixStep.Applying;
        record.AppliedAt = _run.Now();
        _run.Step(record, "applying through the gate");

        ChangeOutcome outcome;
        using (_run.Timed("apply"))
        {
            outcome = await _run.Services.Changes.ApplyPatchAsync(new ChangeRequest
            {
                FixId = record.Id,
                Iteration = record.Iteration,
                Patch = PatchBytes.From(proposal.Patch!),
                PatchName = "diagnostic_report.json#" + record.Id,
                AllCopies = proposal.Patch!.AllCopies,
                ExpectedBehaviour = expected,
            }, ct).ConfigureAwait(false);
        }

        record.Files = [.. outcome.Files.Select(f => f.Path)];
        if (!outcome.Applied)
        {
            record.Status = FixState.Blocked;
            record.Step = FixStep.Done;
            record.Reason = outcome.Message + (outcome.Findings.Introduced.Count > 0 ? " " + string.Join("; ", outcome.Findings.Introduced.Select(f => $"{f.File}:{f.Line} {f.Rule}")) : "");
            _run.Decide("implement", "blocked", record.Reason, record.Id);
            _run.Step(record, "blocked by the gate");
            return;
        }

        _run.Decide("implement", "apply", outcome.Message + (record.StackedOn.Count > 0 ? $" It sits on top of {string.Join(", ", record.StackedOn)} in the same file(s)." : ""), record.Id, evidence: [.. record.Files]);
        record.Step = FixStep.Applied;
        _run.Step(record, $"applied to {record.Files.Count} file(s)");
    }

    /// <summary>
    /// The seam before a fix touches the live plug-in: each <see cref="IBeforeApply"/> check may keep it from being
    /// applied, with the reason; the first refusal wins and nothing is written.
    /// </summary>
    private async Task<string?> BeforeApplyAsync(FixRecord record, FixProposal proposal, CancellationToken ct)
    {
        foreach (var check in _run.Services.BeforeApply)
        {
            if (await check.CheckAsync(record, proposal, ct).ConfigureAwait(false) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private async Task RestartAsync(FixRecord record, CancellationToken ct, bool afterRollback = false)
    {
        RestartResult result;
        using (_run.Timed("restart"))
        {
            _run.Step(record, afterRollback ? "restarting after the rollback" : "restarting the plugin");
            result = await _run.Services.Restarter!.RestartAsync(new RestartRequest
            {
                Method = _run.Options.RestartMethod,
                Plugins = record.Agents,
                LogsDir = _run.Options.LogsDir,
                PluginStartTimeout = _run.Options.PluginStartTimeout,
            }, ct).ConfigureAwait(false);
        }

        if (afterRollback)
        {
            if (result.LoadFailures.Count > 0)
            {
                throw new RestartFailedException($"After rolling back {record.Id}, the plugin still does not load: {string.Join("; ", result.LoadFailures)}. Check the plugin log before going on.");
            }

            return;
        }

        record.LoadFailures = result.LoadFailures;
    }

    private async Task TestAsync(FixRecord record, CancellationToken ct)
    {
        if (record.LoadFailures.Count > 0)
        {
            record.Decision = KeepDecision.Rollback;
            record.Reason = "Critical: the plugin did not load after the change (" + string.Join("; ", record.LoadFailures) + ").";
            _run.Decide("test", "rollback", record.Reason, record.Id, evidence: [.. record.LoadFailures]);
            record.Step = FixStep.Decided;
            _run.Step(record, "ROLLBACK: the plugin did not load");
            return;
        }

        await WaitOutRetryAfterAsync(record, ct).ConfigureAwait(false);
        record.TestedFrom = _run.Now();
        TestReport report;
        using (_run.Timed("refresh wait"))
        {
            _run.Step(record, "active test: refreshing the failed items and controls");
            report = await new ActiveTester(_run.Services.Plex!, _run.Services.Aggregator, _run.Services.Time).RunAsync(new ActiveTestRequest
            {
                FixId = record.Id,
                Agents = record.Agents,
                Baseline = _run.IterationMetrics(),
                Archive = _run.Archive,
                FailedItems = _run.Options.FailedItems,
                ControlItems = _run.Options.ControlItems,
                Refresh = _run.Options.Refresh,
                Thresholds = _run.Options.Thresholds,
                LoadFailures = record.LoadFailures,
            }, _run.Progress, ct).ConfigureAwait(false);
        }

        var (markdown, _) = TestReportWriter.Write(_run.IterationDir, report);
        var c = report.Comparison;
        record.TestReport = Path.GetRelativePath(_run.Store.WorkDir, Path.ChangeExtension(markdown, ".json")).Replace('\\', '/');
        record.SuccessBefore = c.Before.Rate;
        record.SuccessAfter = c.After.Rate;
        record.Decision = c.Decision.Decision;
        record.Reason = c.Decision.Reason;
        _run.Decide("test", DecisionName(c.Decision.Decision), c.Decision.Reason, record.Id,
            inputs: [record.TestReport],
            evidence: [$"before {c.Before.Succeeded}/{c.Before.Items}, after {c.After.Succeeded}/{c.After.Items}", .. c.NewSignatures.Select(s => "new " + s.Id + ": " + s.Text), .. c.Critical.Select(x => $"critical {x.Kind}: {x.Detail}")]);
        record.Step = FixStep.Decided;
        _run.Step(record, $"{DecisionName(c.Decision.Decision).ToUpperInvariant()} — {c.Decision.Reason}");
    }

    /// <summary>
    /// A site still inside the Retry-After of its last 429 refuses the test's first requests whatever the fix does: the
    /// test starts once it has passed (bounded by <c>Test:RetryAfterMaxWaitSeconds</c>), so a pacing fix is measured on
    /// its own requests, not on the previous test's burst.
    /// </summary>
    private async Task WaitOutRetryAfterAsync(FixRecord record, CancellationToken ct)
    {
        var last = RetryAfterWait.FindLast(_run.ArchivedLogs(ct), record.Agents, _run.State.IterationWindowStart, ct);
        await RetryAfterWait.WaitAsync(last, _run.Proposal(record).Evidence, _run.Services.Time, _run.Options.RetryAfterMaxWait, wait =>
        {
            var seconds = wait.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            _run.Step(record, $"waiting {seconds} s for the site's Retry-After (last 429 at {last!.At:HH:mm:ss}) before the live test");
            _run.Decide("test", "wait", $"The site answered 429 at {last.At:HH:mm:ss.fff}; the live test waits {seconds} s for its Retry-After so the fix is measured on its own requests.", record.Id);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Records, for the next iteration, the window of each changed agent's log that reflects its code now.</summary>
    private void RememberWindows(FixRecord record)
    {
        foreach (var agent in record.Agents)
        {
            if (record.Status == FixState.RolledBack)
            {
                var before = _run.State.NextWindows.GetValueOrDefault(agent)
                    ?? _run.State.IterationWindows.GetValueOrDefault(agent)
                    ?? new AgentWindow { Since = _run.State.IterationWindowStart };
                var undone = new LogSpan(record.AppliedAt ?? _run.State.IterationWindowEnd ?? _run.Now(), record.RolledBackAt ?? _run.Now());
                _run.State.NextWindows[agent] = before.Excluding(undone);
            }
            else if (record.Status is FixState.Kept or FixState.Monitor)
            {
                _run.State.NextWindows[agent] = new AgentWindow { Since = record.TestedFrom ?? record.AppliedAt };
            }
        }
    }

    private static string DecisionName(KeepDecision decision) => decision.ToString().ToLowerInvariant();
}

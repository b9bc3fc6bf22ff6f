using System.Globalization;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Reflection;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Errors;
using PlexImprove.Core.IO;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.PostMortem;
using PlexImprove.Loop.Preflight;
using PlexImprove.Loop.Reports;
using PlexImprove.Loop.State;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// Phase 6: runs the loop. Per iteration: aggregate the window since the previous one (an agent a fix changed or
/// restored: the lines that reflect its current code) → diagnose → verify → for
/// each applicable fix, one at a time: state the expected results, apply through the gate, restart and check the
/// plugin loaded, test actively, decide KEEP / MONITOR / ROLLBACK (a rollback restores the backup and restarts) →
/// post-mortem → lessons → exit checks. The state is saved before and after every step, so a killed run resumes
/// where it stopped; a failing phase stops the run loudly with its state saved.
/// </summary>
public sealed class LoopCoordinator
{
    private readonly LoopOptions _options;
    private readonly LoopServices _services;
    private readonly LoopStateStore _store;
    private readonly WorkFolder _work;
    private readonly RunLessons _lessons;
    private LoopState _state = null!;
    private DecisionLog _decisions = null!;

    public LoopCoordinator(LoopOptions options, LoopServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Exit.Validate();
        if (!options.DryRun && (services.Plex is null || services.Restarter is null))
        {
            throw new ArgumentException("A run that is not a dry run needs the Plex client and the restarter.", nameof(services));
        }

        _options = options;
        _services = services;
        _store = new LoopStateStore(options.WorkDir);
        _work = new WorkFolder(options.WorkDir);
        _lessons = new RunLessons(_store.WorkDir);
    }

    /// <summary>Runs (or resumes) until an exit condition; returns the final state and the report's path.</summary>
    /// <exception cref="LoopStoppedException">The run paused with its state saved (the message names the resume command).</exception>
    /// <exception cref="OperationCanceledException">The user stopped the run; its state is saved as paused.</exception>
    public async Task<LoopResult> RunAsync(CancellationToken cancellationToken)
    {
        using var folderLock = WorkFolderLock.Acquire(_store.WorkDir);
        _state = OpenState();
        _decisions = _store.LoadDecisions();
        _lessons.Seed(_options.LessonsSeedPath);
        if (folderLock.TookOverStaleLock)
        {
            Decide("resume", "resume", "The previous process ended without releasing the lock (killed); its lock was taken over.");
        }

        _state.Status = LoopStatus.Running;
        _state.StopReason = null;
        Save();
        try
        {
            RepairInterruptedWrites();
            await RunPhasesAsync(cancellationToken).ConfigureAwait(false);
            return Finish();
        }
        catch (TokenBudgetExceededException e)
        {
            // The brain's token budget is an exit condition, not a failure: the run ends with what it achieved.
            _state.ExitCondition = ExitCondition.Budget;
            _state.ExitReason = e.Message;
            _state.Phase = LoopPhase.Done;
            Decide("exit", ExitCondition.Budget, e.Message);
            return Finish();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Pause(ExitCondition.UserStop, "Stopped by the user (Ctrl+C).");
            throw;
        }
        catch (PlexImproveException e) when (e is not IncompatibleWorkFolderException and not TokenBudgetExceededException)
        {
            Pause("stopped", e.Message);
            throw new LoopStoppedException(
                $"The run stopped in iteration {_state.Iteration} ({PhaseName(_state.Phase)}): {e.Message} Its state is saved; once the cause is fixed, continue with: {_options.ResumeCommand}",
                e.Kind, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _state.Status = LoopStatus.Failed;
            _state.StopReason = $"{e.GetType().Name}: {e.Message}";
            _state.ResumeCommand = _options.ResumeCommand;
            Save();
            throw;
        }
    }

    private LoopState OpenState()
    {
        var saved = _store.Load();
        if (_options.Resume)
        {
            if (saved is null)
            {
                throw new IncompatibleWorkFolderException($"There is no run to resume in '{_store.WorkDir}' (no {LoopStateStore.StateFile}). Start one without --resume.");
            }

            if (saved.Status == LoopStatus.Finished)
            {
                throw new IncompatibleWorkFolderException($"The run in '{_store.WorkDir}' already finished ({saved.ExitCondition}); its report is {Path.Combine(_store.WorkDir, FinalReportWriter.FileName)}. Start a new run with another --work folder.");
            }

            if (!SamePath(saved.PluginsDir, _options.PluginsDir) || !SamePath(saved.LogsDir, _options.LogsDir))
            {
                throw new IncompatibleWorkFolderException(
                    $"The run in '{_store.WorkDir}' works on Plug-ins '{saved.PluginsDir}' and logs '{saved.LogsDir}', not '{_options.PluginsDir}' and '{_options.LogsDir}'. Resume it with the same --plugins and --logs, or use another --work folder.");
            }

            return saved;
        }

        if (saved is not null)
        {
            throw new IncompatibleWorkFolderException(
                $"'{_store.WorkDir}' already holds a run ({saved.Status.ToString().ToLowerInvariant()}, iteration {saved.Iteration}). Continue it with --resume, or start a new run with another --work folder.");
        }

        if (_work.Iterations().Count > 0)
        {
            throw new IncompatibleWorkFolderException(
                $"'{_store.WorkDir}' already holds iteration folders but no {LoopStateStore.StateFile} (fixes applied by hand, or another tool). A run needs a folder of its own: use another --work folder.");
        }

        return new LoopState
        {
            Brain = _services.Brain.Name,
            PluginsDir = _options.PluginsDir,
            LogsDir = _options.LogsDir,
            PlexUrl = _options.PlexUrl,
            Agents = _options.Agents,
            DryRun = _options.DryRun,
            MaxIterations = _options.Exit.MaxIterations,
            StartedAt = _services.Time.GetLocalNow(),
            Phase = _options.RefreshLibraryFirst && !_options.DryRun ? LoopPhase.Baseline : LoopPhase.Aggregate,
        };
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(b).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    /// <summary>A write the process was killed in the middle of: the backup manifest says which files; restore them first.</summary>
    private void RepairInterruptedWrites()
    {
        foreach (var backup in _services.Changes.ListBackups().Where(b => b.State == BackupState.Partial || b.LogStatus == "in_progress"))
        {
            var restored = _services.Changes.RollbackFix(new RollbackRequest { FixId = backup.FixId, Iteration = backup.Iteration });
            var record = _state.Fixes.Find(f => f.Id == backup.FixId && f.Iteration == backup.Iteration);
            if (record is not null)
            {
                record.Step = FixStep.Queued;
            }

            Decide("resume", "repair", $"Fix {backup.FixId} was interrupted while writing; {restored.Sum(r => r.Files.Count)} file(s) were checked against the backup manifest and restored before anything else.",
                backup.FixId, evidence: [.. backup.Files]);
            Save();
        }
    }

    private async Task RunPhasesAsync(CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            switch (_state.Phase)
            {
                case LoopPhase.Baseline:
                    using (Timed("baseline"))
                    {
                        Observe(LoopPhase.Baseline, "refreshing the library to record a baseline");
                        await RefreshLibraryAsync(ct).ConfigureAwait(false);
                    }

                    Advance(LoopPhase.Aggregate);
                    break;
                case LoopPhase.Aggregate:
                    using (Timed("aggregate"))
                    {
                        Aggregate(ct);
                    }

                    Advance(LoopPhase.Diagnose);
                    break;
                case LoopPhase.Diagnose:
                    await DiagnoseAsync(ct).ConfigureAwait(false);
                    if (_options.DryRun)
                    {
                        _state.ExitCondition = ExitCondition.DryRun;
                        _state.ExitReason = "Dry run: every patch was validated on a scratch copy; nothing was written, refreshed or restarted.";
                        Decide("exit", ExitCondition.DryRun, _state.ExitReason);
                        Advance(LoopPhase.Done);
                        break;
                    }

                    if (!FixesOf(_state.Iteration).Any(f => f.Status == FixState.Pending))
                    {
                        // All fixes attempted and a fresh diagnosis finds nothing new: this pass changes nothing, so it
                        // is not counted as an iteration.
                        _state.ExitCondition = ExitCondition.NothingLeft;
                        _state.ExitReason = $"The fresh diagnosis after {_state.History.Count} iteration(s) proposed nothing new that applies ({FixesOf(_state.Iteration).Count()} proposal(s), all tried before or not applicable).";
                        Decide("exit", ExitCondition.NothingLeft, _state.ExitReason);
                        Advance(_options.MeasureLibraryAtEnd ? LoopPhase.Final : LoopPhase.Done);
                        break;
                    }

                    Advance(LoopPhase.Fixes);
                    break;
                case LoopPhase.Fixes:
                    foreach (var record in FixesOf(_state.Iteration).Where(f => f.Step != FixStep.Done).ToList())
                    {
                        await RunFixAsync(record, ct).ConfigureAwait(false);
                    }

                    _state.CurrentFix = null;
                    _state.CurrentStep = null;
                    Advance(LoopPhase.PostMortem);
                    break;
                case LoopPhase.PostMortem:
                    using (Timed("post-mortem"))
                    {
                        Observe(LoopPhase.PostMortem, "expected vs actual");
                        PostMortemWriter.Write(IterationDir, BuildPostMortem());
                    }

                    Advance(LoopPhase.Lessons);
                    break;
                case LoopPhase.Lessons:
                    using (Timed("lessons"))
                    {
                        await LearnAsync(ct).ConfigureAwait(false);
                    }

                    Advance(LoopPhase.Exit);
                    break;
                case LoopPhase.Exit:
                    if (CheckExit(ct) is { } verdict)
                    {
                        _state.ExitCondition = verdict.Condition;
                        _state.ExitReason = verdict.Reason;
                        Decide("exit", verdict.Condition, verdict.Reason);
                        Advance(_options.MeasureLibraryAtEnd ? LoopPhase.Final : LoopPhase.Done);
                    }
                    else
                    {
                        _state.Iteration++;
                        _state.IterationWindowStart = _state.WindowEnd;
                        _state.CurrentLessonChanges.Clear();
                        Advance(LoopPhase.Aggregate);
                    }

                    break;
                case LoopPhase.Final:
                    using (Timed("final"))
                    {
                        Observe(LoopPhase.Final, "refreshing the library to measure the final state");
                        var start = Now();
                        await RefreshLibraryAsync(ct).ConfigureAwait(false);
                        var window = Measure(start, Now().AddMilliseconds(1), ct);
                        _state.Final = new MetricsSnapshot().With(window, _state.Iteration, Targets);
                    }

                    Advance(LoopPhase.Done);
                    break;
                case LoopPhase.Done:
                    return;
            }
        }
    }

    private string IterationDir => _work.IterationPath(_state.Iteration);

    private IReadOnlyCollection<string> Targets => _state.Agents.Count > 0 ? _state.Agents : _state.Baseline?.Agents.Keys ?? (IReadOnlyCollection<string>)[];

    private IEnumerable<FixRecord> FixesOf(int iteration) => _state.Fixes.Where(f => f.Iteration == iteration);

    // ───────────── Phase 1 ─────────────

    private void Aggregate(CancellationToken ct)
    {
        Observe(LoopPhase.Aggregate, _state.WindowEnd is { } since ? $"logs since {since:yyyy-MM-dd HH:mm:ss}" : "all logs");
        var until = Now().AddMilliseconds(1);
        _state.IterationWindowStart = _state.WindowEnd;
        var windows = AgentWindowsForThisIteration();
        var result = AggregateWindow(_state.IterationWindowStart, until, windows, ct);
        if (_state.Iteration == 1 && result.Metrics.Totals.Started == 0)
        {
            if (result.Metrics.Files.Count == 0 || result.Metrics.Files.All(f => f.Records == 0))
            {
                throw new InvalidInputException(
                    $"'{_options.LogsDir}' holds no Framework log records{(_options.Agents.Count > 0 ? " for " + string.Join(", ", _options.Agents) : "")}: expected the 'PMS Plugin Logs' folder with com.plexapp.agents.*.log files. Pass --logs or set Plex:LogsDir.");
            }

            throw new InvalidInputException($"The logs in '{_options.LogsDir}' show no agent search or update to measure; refresh some items in Plex first, or choose the agents with --agent.");
        }

        Directory.CreateDirectory(IterationDir);
        AtomicFile.WriteAllText(Path.Combine(IterationDir, "metrics.json"), MetricsJson.Serialize(result.Metrics));
        AtomicFile.WriteAllText(Path.Combine(IterationDir, "aggregated_logs.md"), DigestWriter.Write(result.Metrics));
        _state.WindowEnd = until;
        _state.IterationWindowEnd = until;
        _state.IterationWindows = windows;
        _state.NextWindows.Clear();
        if (_state.Baseline is null)
        {
            _state.Baseline = new MetricsSnapshot().With(result.Metrics, 0, _state.Agents);
            _state.Current = _state.Baseline;
        }

        Decide("aggregate", "measure", $"{result.Metrics.Totals.Started} sessions in the window, {result.Metrics.Totals.Succeeded} succeeded; {result.Metrics.Signatures.Count} signature(s).{DescribeOwnWindows(windows)}",
            inputs: [result.Metrics.Window.Since?.ToString("s", CultureInfo.InvariantCulture) ?? "start of logs", until.ToString("s", CultureInfo.InvariantCulture)]);
    }

    private AggregationResult AggregateWindow(DateTime? since, DateTime until, IReadOnlyDictionary<string, AgentWindow> windows, CancellationToken ct) =>
        _services.Aggregator.Aggregate(
            new AggregationRequest { LogsDir = _options.LogsDir, Since = since, Until = until, AgentWindows = windows, Agents = _state.Agents, CollectSessions = true },
            cancellationToken: ct);

    /// <summary>
    /// Each agent is diagnosed and tested on the lines that reflect the code it runs now. An agent the run never
    /// changed: the iteration's new lines. An agent with a kept fix: the lines since that fix's test began. An agent
    /// whose fix was rolled back: the window it was diagnosed on before, without the lines of the undone change (the
    /// new lines alone would show the rolled-back code's failures, not its own). Unchanged agents keep their window.
    /// </summary>
    private Dictionary<string, AgentWindow> AgentWindowsForThisIteration()
    {
        var windows = new Dictionary<string, AgentWindow>(_state.IterationWindows, StringComparer.Ordinal);
        foreach (var (agent, window) in _state.NextWindows)
        {
            windows[agent] = window;
        }

        return windows;
    }

    /// <summary>Records, for the next iteration, the window of each changed agent's log that reflects its code now.</summary>
    private void RememberWindows(FixRecord record)
    {
        foreach (var agent in record.Agents)
        {
            if (record.Status == FixState.RolledBack)
            {
                var before = _state.NextWindows.GetValueOrDefault(agent)
                    ?? _state.IterationWindows.GetValueOrDefault(agent)
                    ?? new AgentWindow { Since = _state.IterationWindowStart };
                var undone = new LogSpan(record.AppliedAt ?? _state.IterationWindowEnd ?? Now(), record.RolledBackAt ?? Now());
                _state.NextWindows[agent] = before.Excluding(undone);
            }
            else if (record.Status is FixState.Kept or FixState.Monitor)
            {
                _state.NextWindows[agent] = new AgentWindow { Since = record.TestedFrom ?? record.AppliedAt };
            }
        }
    }

    private static string DescribeOwnWindows(IReadOnlyDictionary<string, AgentWindow> windows) =>
        windows.Count == 0
            ? ""
            : " Measured on their own window, the lines that reflect their current code: " + string.Join("; ", windows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w =>
                $"{w.Key} since {w.Value.Since?.ToString("s", CultureInfo.InvariantCulture) ?? "the start of the logs"}" +
                (w.Value.Excluded.Count == 0 ? "" : $" without {w.Value.Excluded.Count} rolled-back span(s)"))) + ".";

    private MetricsDocument IterationMetrics() => MetricsJson.Read(Path.Combine(IterationDir, "metrics.json"));

    // ───────────── Phase 2 ─────────────

    private async Task DiagnoseAsync(CancellationToken ct)
    {
        if (DiagnosisFiles.Read(IterationDir) is not null && FixesOf(_state.Iteration).Any())
        {
            return; // Diagnosed before the process stopped.
        }

        DiagnosticReport report;
        using (Timed("diagnose"))
        {
            Observe(LoopPhase.Diagnose, $"{_services.Brain.Name} brain");
            var aggregation = AggregateWindow(_state.IterationWindowStart, _state.IterationWindowEnd ?? Now(), _state.IterationWindows, ct);
            report = await _services.Brain.DiagnoseAsync(new DiagnosisRequest
            {
                Aggregation = aggregation,
                Digest = DigestWriter.Write(aggregation.Metrics),
                PluginsDir = _options.PluginsDir,
                LogsDir = _options.LogsDir,
                Agents = _state.Agents,
                Lessons = _lessons.Load(),
                Iteration = _state.Iteration,
                Attempted = [.. _state.Fixes.Select(f => new AttemptedFix(f.Id, f.Title, f.Agents, Status(f.Status), f.PatchHash))],
                Preflight = _services.Preflight, // pre-flight: candidates are run before they are proposed
            }, ct).ConfigureAwait(false);
            await new DiagnosisVerifier(_services.Changes).VerifyAsync(report, _state.Iteration, ct).ConfigureAwait(false);
            DiagnosisFiles.Write(IterationDir, report);
        }

        foreach (var fix in report.Fixes.Select((f, i) => (f, i)).OrderBy(x => x.f.Priority).ThenByDescending(x => x.f.Confidence).ThenBy(x => x.i).Select(x => x.f))
        {
            var earlier = _state.Fixes.Find(f => f.Id == fix.Id);
            var record = new FixRecord { Id = fix.Id, Iteration = _state.Iteration, Title = fix.Title, Agents = fix.Agents, LessonsApplied = fix.LessonsApplied, PatchHash = fix.Patch is null ? null : PlaybookBrain.PatchHash(fix.Patch) };
            if (earlier is not null)
            {
                record.Status = FixState.NotApplicable;
                record.Step = FixStep.Done;
                record.Reason = $"Already tried in iteration {earlier.Iteration} ({Status(earlier.Status)}).";
            }
            else if (fix.Verification is { Applicable: false } v)
            {
                record.Status = FixState.NotApplicable;
                record.Step = FixStep.Done;
                record.Reason = v.Reason + (v.Findings.Count > 0 ? " " + string.Join("; ", v.Findings) : "");
            }
            else if (_options.DryRun)
            {
                record.Step = FixStep.Done;
                record.Reason = "Validated on a scratch copy of the bundles (dry run): it applies and passes the Python 2.7 gate.";
            }

            record.Files = fix.Verification?.Files ?? [];
            _state.Fixes.Add(record);
            Decide("diagnose", "propose", $"{fix.Title}: {fix.RootCause}", fix.Id,
                inputs: [.. fix.Evidence.Select(e => $"{e.Kind} {e.Ref}".Trim())],
                evidence: [.. fix.ExpectedResults.Select(e => $"expect {e.Metric} {e.Direction.ToString().ToLowerInvariant()}{(e.Target is { } t ? " to " + t.ToString("0.##", CultureInfo.InvariantCulture) : "")}"),
                           .. fix.LessonsApplied.Select(l => "lesson " + l)]);
        }

        Save();
    }

    // ───────────── Phases 3 and 4, one fix at a time ─────────────

    private async Task RunFixAsync(FixRecord record, CancellationToken ct)
    {
        var proposal = Proposal(record);
        _state.CurrentFix = record.Id;
        if (record.Step == FixStep.Applying)
        {
            // Killed around the write: the implementation log and the hashes say whether it landed (a half-written
            // fix was already restored by RepairInterruptedWrites).
            var logged = new ImplementationLogStore(_work).Load(record.Iteration).Fixes.Find(f => f.FixId == record.Id);
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
            Step(record, record.LoadFailures.Count > 0 ? "the plugin did not load: " + string.Join("; ", record.LoadFailures) : "restarted, plugin loaded");
        }

        if (record.Step == FixStep.Restarted)
        {
            await TestAsync(record, ct).ConfigureAwait(false);
        }

        if (record.Step == FixStep.Decided)
        {
            if (record.Decision == "rollback")
            {
                using (Timed("rollback"))
                {
                    var restored = _services.Changes.RollbackFix(new RollbackRequest { FixId = record.Id, Iteration = record.Iteration });
                    Decide("test", "rolled back", $"Restored {restored.Sum(r => r.Files.Count)} file(s) from the backup, then restarted the plugin.", record.Id);
                }

                await RestartAsync(record, ct, afterRollback: true).ConfigureAwait(false);
                record.RolledBackAt = Now();
                record.Status = FixState.RolledBack;
            }
            else
            {
                record.Status = record.Decision == "keep" ? FixState.Kept : FixState.Monitor;
            }

            RememberWindows(record);
            record.Step = FixStep.Done;
            Step(record, Status(record.Status));
        }
    }

    private async Task ApplyAsync(FixRecord record, FixProposal proposal, CancellationToken ct)
    {
        var metrics = IterationMetrics();
        bool failing = record.Agents.Any(a => metrics.Agents.TryGetValue(a, out var c) && c.Started > c.Succeeded);
        if (!failing)
        {
            record.Status = FixState.NotApplicable;
            record.Step = FixStep.Done;
            record.Reason = $"The iteration's window shows no failed session of {string.Join(", ", record.Agents)}: nothing to test the fix on, so it was not applied.";
            Step(record, record.Reason);
            return;
        }

        // ── Pre-flight (generate and verify): the fix runs on a scratch copy first; one that makes no failing item match never reaches Plex. ──
        if (_services.Preflight is { } preflight)
        {
            PreflightVerdict verdict;
            using (Timed("preflight"))
            {
                Step(record, "pre-flight: running the patched copy on failing items");
                var sessions = AggregateWindow(_state.IterationWindowStart, _state.IterationWindowEnd ?? Now(), _state.IterationWindows, ct).Sessions;
                verdict = await new PreflightGate(preflight).CheckAsync(proposal, sessions, _options.LogsDir, IterationDir, ct).ConfigureAwait(false);
            }

            record.Preflight = new PreflightPrediction { Tried = verdict.Tried, Matched = verdict.Matched, Summary = verdict.Summary, File = verdict.FileName };
            Decide("implement", "preflight", verdict.Summary, record.Id, inputs: [verdict.FileName], evidence: [.. verdict.Results.SelectMany(r => r.Tracebacks).Take(2)]);
            if (!verdict.Allows)
            {
                record.Status = FixState.NotApplicable;
                record.Step = FixStep.Done;
                record.Reason = $"Not applied: {verdict.Summary}.";
                Step(record, record.Reason);
                return;
            }
        }

        string expected = proposal.ExpectedResults.Count == 0
            ? proposal.ExpectedVsObserved.Expected
            : string.Join("; ", proposal.ExpectedResults.Select(e => $"{e.Metric} {e.Direction.ToString().ToLowerInvariant()}{(e.Target is { } t ? " to " + t.ToString("0.##", CultureInfo.InvariantCulture) : "")}"));
        Decide("implement", "expect", $"Before applying: {expected}.", record.Id, evidence: [proposal.ExpectedVsObserved.Expected]);
        record.StackedOn = [.. _state.Fixes.Where(f => f != record && f.Status is FixState.Kept or FixState.Monitor && f.Files.Intersect(record.Files, StringComparer.Ordinal).Any()).Select(f => f.Id)];
        record.Step = FixStep.Applying;
        record.AppliedAt = Now();
        Step(record, "applying through the gate");

        ChangeOutcome outcome;
        using (Timed("apply"))
        {
            outcome = await _services.Changes.ApplyPatchAsync(new ChangeRequest
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
            Decide("implement", "blocked", record.Reason, record.Id);
            Step(record, "blocked by the gate");
            return;
        }

        Decide("implement", "apply", outcome.Message + (record.StackedOn.Count > 0 ? $" It sits on top of {string.Join(", ", record.StackedOn)} in the same file(s)." : ""), record.Id, evidence: [.. record.Files]);
        record.Step = FixStep.Applied;
        Step(record, $"applied to {record.Files.Count} file(s)");
    }

    private async Task RestartAsync(FixRecord record, CancellationToken ct, bool afterRollback = false)
    {
        RestartResult result;
        using (Timed("restart"))
        {
            Step(record, afterRollback ? "restarting after the rollback" : "restarting the plugin");
            result = await _services.Restarter!.RestartAsync(new RestartRequest
            {
                Method = _options.RestartMethod,
                Plugins = record.Agents,
                LogsDir = _options.LogsDir,
                PluginStartTimeout = _options.PluginStartTimeout,
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
            record.Decision = "rollback";
            record.Reason = "Critical: the plugin did not load after the change (" + string.Join("; ", record.LoadFailures) + ").";
            Decide("test", "rollback", record.Reason, record.Id, evidence: [.. record.LoadFailures]);
            record.Step = FixStep.Decided;
            Step(record, "ROLLBACK: the plugin did not load");
            return;
        }

        record.TestedFrom = Now();
        TestReport report;
        using (Timed("refresh wait"))
        {
            Step(record, "active test: refreshing the failed items and controls");
            report = await new ActiveTester(_services.Plex!, _services.Aggregator, _services.Time).RunAsync(new ActiveTestRequest
            {
                FixId = record.Id,
                Agents = record.Agents,
                Baseline = IterationMetrics(),
                LogsDir = _options.LogsDir,
                FailedItems = _options.FailedItems,
                ControlItems = _options.ControlItems,
                Refresh = _options.Refresh,
                Thresholds = _options.Thresholds,
                LoadFailures = record.LoadFailures,
            }, new Progress(this), ct).ConfigureAwait(false);
        }

        var (markdown, _) = TestReportWriter.Write(IterationDir, report);
        var c = report.Comparison;
        record.TestReport = Path.GetRelativePath(_store.WorkDir, Path.ChangeExtension(markdown, ".json")).Replace('\\', '/');
        record.SuccessBefore = c.Before.Rate;
        record.SuccessAfter = c.After.Rate;
        record.Decision = c.Decision.Decision.ToString().ToLowerInvariant();
        record.Reason = c.Decision.Reason;
        Decide("test", record.Decision, c.Decision.Reason, record.Id,
            inputs: [record.TestReport],
            evidence: [$"before {c.Before.Succeeded}/{c.Before.Items}, after {c.After.Succeeded}/{c.After.Items}", .. c.NewSignatures.Select(s => "new " + s.Id + ": " + s.Text), .. c.Critical.Select(x => $"critical {x.Kind}: {x.Detail}")]);
        record.Step = FixStep.Decided;
        Step(record, $"{record.Decision.ToUpperInvariant()} — {c.Decision.Reason}");
    }

    private FixProposal Proposal(FixRecord record) =>
        (DiagnosisFiles.Read(_work.IterationPath(record.Iteration)) ?? throw new IncompatibleWorkFolderException($"The diagnostic report of iteration {record.Iteration} is missing from '{_store.WorkDir}'; the run cannot continue."))
        .Fixes.FirstOrDefault(f => f.Id == record.Id)
        ?? throw new IncompatibleWorkFolderException($"Fix {record.Id} is not in iteration {record.Iteration}'s diagnostic report; the run cannot continue.");

    // ───────────── Phase 5 ─────────────

    private PostMortemReport BuildPostMortem()
    {
        var inputs = FixesOf(_state.Iteration)
            .Where(f => f.Status != FixState.NotApplicable || f.Reason is not null)
            .Select(f => new PostMortemInput(Proposal(f), f, f.TestReport is { } path ? TestReportWriter.Deserialize(File.ReadAllText(Path.Combine(_store.WorkDir, path))) : null))
            .ToList();
        return PostMortemBuilder.Build(_state.Iteration, inputs);
    }

    private async Task LearnAsync(CancellationToken ct)
    {
        var iterationCopy = Path.Combine(IterationDir, RunLessons.FileName);
        if (File.Exists(iterationCopy))
        {
            // Reflected before the process stopped: the iteration's copy is the result.
            _lessons.Save(Agent.Lessons.LessonBook.Load(iterationCopy));
            return;
        }

        var book = _lessons.Load();
        var outcomes = BuildPostMortem().Outcomes.Where(o => o.Status is "kept" or "monitor" or "rolled_back").ToList();
        if (outcomes.Count > 0)
        {
            Observe(LoopPhase.Lessons, $"reflecting on {outcomes.Count} measured outcome(s)");
            var operations = await _services.Brain.ReflectAsync(new ReflectionRequest { Iteration = _state.Iteration, Outcomes = outcomes, Lessons = book }, ct).ConfigureAwait(false);
            foreach (var change in book.Apply(operations))
            {
                _state.CurrentLessonChanges.Add(change);
                Decide("lessons", "lesson", change);
            }
        }
        else
        {
            Decide("lessons", "no lesson", $"No fix of iteration {_state.Iteration} was measured, so no rule can be promoted or demoted.");
        }

        AtomicFile.WriteAllText(iterationCopy, book.ToMarkdown());
        _lessons.Save(book);
    }

    // ───────────── Exit checks ─────────────

    private ExitVerdict? CheckExit(CancellationToken ct)
    {
        var window = Measure(_state.IterationWindowEnd, Now().AddMilliseconds(1), ct);
        _state.Current = (_state.Current ?? new MetricsSnapshot()).With(window, _state.Iteration, Targets);
        var fixes = FixesOf(_state.Iteration).ToList();
        var overall = _state.Current.Overall;
        _state.History.RemoveAll(h => h.Iteration == _state.Iteration);
        _state.History.Add(new IterationRecord
        {
            Iteration = _state.Iteration,
            SuccessRate = overall.Rate,
            Succeeded = overall.Succeeded,
            Started = overall.Started,
            Proposed = fixes.Count,
            NewProposals = fixes.Count(f => !(f.Reason?.StartsWith("Already tried", StringComparison.Ordinal) ?? false)),
            Kept = fixes.Count(f => f.Status == FixState.Kept),
            Monitor = fixes.Count(f => f.Status == FixState.Monitor),
            RolledBack = fixes.Count(f => f.Status == FixState.RolledBack),
            Blocked = fixes.Count(f => f.Status == FixState.Blocked),
            NotApplicable = fixes.Count(f => f.Status == FixState.NotApplicable),
            LessonChanges = [.. _state.CurrentLessonChanges],
        });
        var elapsed = TimeSpan.FromSeconds(_state.Timings.Total);
        return new ExitPolicy(new ExitSettings
        {
            TargetSuccessRate = _options.Exit.TargetSuccessRate,
            PlateauPoints = _options.Exit.PlateauPoints,
            PlateauIterations = _options.Exit.PlateauIterations,
            MaxIterations = _state.MaxIterations,
            RegressionPValue = _options.Exit.RegressionPValue,
            BudgetMinutes = _options.Exit.BudgetMinutes,
        }).Evaluate(_state.Baseline?.Overall ?? AgentRate.Of(0, 0, 0), _state.History, elapsed);
    }

    private MetricsDocument Measure(DateTime? since, DateTime until, CancellationToken ct) =>
        _services.Aggregator.Aggregate(new AggregationRequest { LogsDir = _options.LogsDir, Since = since, Until = until, Agents = _state.Agents }, cancellationToken: ct).Metrics;

    private async Task RefreshLibraryAsync(CancellationToken ct)
    {
        var plex = _services.Plex!;
        var targets = _state.Agents;
        var keys = new List<string>();
        foreach (var section in await plex.GetSectionsAsync(ct).ConfigureAwait(false))
        {
            if (targets.Count == 0 || (section.Agent is { } agent && targets.Contains(agent)))
            {
                keys.AddRange((await plex.GetSectionItemsAsync(section.Key, cancellationToken: ct).ConfigureAwait(false)).Select(i => i.RatingKey));
            }
        }

        var result = await new RefreshBatch(plex, _options.Refresh).RunAsync(keys, new Progress(this), ct).ConfigureAwait(false);
        Decide(PhaseName(_state.Phase), "refresh", $"Refreshed {result.Items.Count} item(s) of the library ({result.Items.Count(i => i.Status == RefreshStatus.Completed)} completed).");
    }

    // ───────────── Finishing ─────────────

    private LoopResult Finish()
    {
        _state.Status = LoopStatus.Finished;
        _state.CurrentFix = null;
        _state.CurrentStep = null;
        if (_options.UpdateLessons && _options.LessonsSeedPath is { } shared)
        {
            int count = _lessons.MergeInto(shared);
            Decide("lessons", "merge", $"Merged the run's lessons into '{shared}' ({count} rule(s)).");
        }

        Save();
        var (report, chart) = FinalReportWriter.Write(_store.WorkDir, _state, _decisions, _lessons.Load());
        return new LoopResult(_state, report, chart);
    }

    private void Pause(string condition, string reason)
    {
        _state.Status = LoopStatus.Paused;
        _state.StopReason = condition == ExitCondition.UserStop ? reason : $"{reason}";
        _state.ResumeCommand = _options.ResumeCommand;
        Decide(PhaseName(_state.Phase), "pause", reason, _state.CurrentFix);
        Save();
    }

    // ───────────── Bookkeeping ─────────────

    private void Advance(LoopPhase phase)
    {
        _state.Phase = phase;
        Save();
    }

    private void Step(FixRecord record, string detail)
    {
        _state.CurrentFix = record.Id;
        _state.CurrentStep = record.Step;
        Save();
        foreach (var observer in _services.Observers)
        {
            observer.OnFix(record.Iteration, record.Id, record.Step, detail);
        }
    }

    private void Observe(LoopPhase phase, string detail)
    {
        foreach (var observer in _services.Observers)
        {
            observer.OnPhase(_state.Iteration, phase, detail);
        }
    }

    private void Decide(string phase, string what, string rationale, string? fixId = null, IReadOnlyList<string>? inputs = null, IReadOnlyList<string>? evidence = null) =>
        _decisions.Decisions.Add(new Decision
        {
            At = _services.Time.GetLocalNow(),
            Iteration = _state.Iteration,
            Phase = phase,
            What = what,
            FixId = fixId,
            Inputs = inputs ?? [],
            Evidence = evidence ?? [],
            Rationale = rationale,
        });

    /// <summary>Decisions first, then the state: a decision is never lost, and a state never points past its decisions.</summary>
    private void Save()
    {
        _state.UpdatedAt = _services.Time.GetLocalNow();
        _store.SaveDecisions(_decisions);
        _store.Save(_state);
    }

    private DateTime Now()
    {
        var now = _services.Time.GetLocalNow().DateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), now.Kind);
    }

    private PhaseTimer Timed(string phase) => new(_state.Timings, phase, _services.Time);

    public static string Status(FixState state) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    private static string PhaseName(LoopPhase phase) => phase.ToString().ToLowerInvariant();

    private sealed class Progress(LoopCoordinator owner) : IProgress<RefreshProgress>
    {
        public void Report(RefreshProgress value)
        {
            foreach (var observer in owner._services.Observers)
            {
                observer.OnRefresh(value);
            }
        }
    }

    private readonly struct PhaseTimer(PhaseTiming timings, string phase, TimeProvider time) : IDisposable
    {
        private readonly long _start = time.GetTimestamp();

        public void Dispose() => timings.Add(phase, time.GetElapsedTime(_start));
    }
}

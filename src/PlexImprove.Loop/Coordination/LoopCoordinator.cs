using PlexImprove.Agent.Hosting;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Errors;
using PlexImprove.Loop.Coordination.Phases;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.Reports;
using PlexImprove.Loop.State;

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
    private readonly RunContext _run;
    private readonly AggregatePhase _aggregate;
    private readonly DiagnosePhase _diagnose;
    private readonly FixSteps _fixSteps;
    private readonly LessonsPhase _lessonsPhase;

    public LoopCoordinator(LoopOptions options, LoopServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Exit.Validate();
        if (!options.DryRun && (services.Plex is null || services.Restarter is null))
        {
            throw new ArgumentException("A run that is not a dry run needs the Plex client and the restarter.", nameof(services));
        }

        _run = new RunContext(options, services);
        _aggregate = new AggregatePhase(_run);
        _diagnose = new DiagnosePhase(_run);
        _fixSteps = new FixSteps(_run);
        _lessonsPhase = new LessonsPhase(_run);
    }

    /// <summary>Runs (or resumes) until an exit condition; returns the final state and the report's path.</summary>
    /// <exception cref="LoopStoppedException">The run paused with its state saved (the message names the resume command).</exception>
    /// <exception cref="OperationCanceledException">The user stopped the run; its state is saved as paused.</exception>
    public async Task<LoopResult> RunAsync(CancellationToken cancellationToken)
    {
        using var folderLock = WorkFolderLock.Acquire(_run.Store.WorkDir);
        _run.State = OpenState();
        _run.Decisions = _run.Store.LoadDecisions();
        _run.Lessons.Seed(_run.Options.LessonsSeedPath);
        if (folderLock.TookOverStaleLock)
        {
            _run.Decide("resume", "resume", "The previous process ended without releasing the lock (killed); its lock was taken over.");
        }

        _run.State.Status = LoopStatus.Running;
        _run.State.StopReason = null;
        _run.Save();
        try
        {
            RepairInterruptedWrites();
            await RunPhasesAsync(cancellationToken).ConfigureAwait(false);
            return Finish();
        }
        catch (TokenBudgetExceededException e)
        {
            // The brain's token budget is an exit condition, not a failure: the run ends with what it achieved.
            _run.State.ExitCondition = ExitCondition.Budget;
            _run.State.ExitReason = e.Message;
            _run.State.Phase = LoopPhase.Done;
            _run.Decide("exit", ExitCondition.Budget, e.Message);
            return Finish();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Pause("Stopped by the user (Ctrl+C).");
            throw;
        }
        catch (PlexImproveException e) when (e is not IncompatibleWorkFolderException and not TokenBudgetExceededException)
        {
            Pause(e.Message);
            throw new LoopStoppedException(
                $"The run stopped in iteration {_run.State.Iteration} ({RunContext.PhaseName(_run.State.Phase)}): {e.Message} Its state is saved; once the cause is fixed, continue with: {_run.Options.ResumeCommand}",
                e.Kind, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _run.State.Status = LoopStatus.Failed;
            _run.State.StopReason = $"{e.GetType().Name}: {e.Message}";
            _run.State.ResumeCommand = _run.Options.ResumeCommand;
            _run.Save();
            throw;
        }
    }

    private LoopState OpenState()
    {
        var saved = _run.Store.Load();
        if (_run.Options.Resume)
        {
            if (saved is null)
            {
                throw new IncompatibleWorkFolderException($"There is no run to resume in '{_run.Store.WorkDir}' (no {LoopStateStore.StateFile}). Start one without --resume.");
            }

            if (saved.Status == LoopStatus.Finished)
            {
                throw new IncompatibleWorkFolderException($"The run in '{_run.Store.WorkDir}' already finished ({saved.ExitCondition}); its report is {Path.Combine(_run.Store.WorkDir, FinalReportWriter.FileName)}. Start a new run with another --work folder.");
            }

            if (!SamePath(saved.PluginsDir, _run.Options.PluginsDir) || !SamePath(saved.LogsDir, _run.Options.LogsDir))
            {
                throw new IncompatibleWorkFolderException(
                    $"The run in '{_run.Store.WorkDir}' works on Plug-ins '{saved.PluginsDir}' and logs '{saved.LogsDir}', not '{_run.Options.PluginsDir}' and '{_run.Options.LogsDir}'. Resume it with the same --plugins and --logs, or use another --work folder.");
            }

            return saved;
        }

        if (saved is not null)
        {
            throw new IncompatibleWorkFolderException(
                $"'{_run.Store.WorkDir}' already holds a run ({saved.Status.ToString().ToLowerInvariant()}, iteration {saved.Iteration}). Continue it with --resume, or start a new run with another --work folder.");
        }

        if (_run.Work.Iterations().Count > 0)
        {
            throw new IncompatibleWorkFolderException(
                $"'{_run.Store.WorkDir}' already holds iteration folders but no {LoopStateStore.StateFile} (fixes applied by hand, or another tool). A run needs a folder of its own: use another --work folder.");
        }

        return new LoopState
        {
            Brain = _run.Services.Brain.Name,
            PluginsDir = _run.Options.PluginsDir,
            LogsDir = _run.Options.LogsDir,
            PlexUrl = _run.Options.PlexUrl,
            Agents = _run.Options.Agents,
            DryRun = _run.Options.DryRun,
            MaxIterations = _run.Options.Exit.MaxIterations,
            StartedAt = _run.Services.Time.GetLocalNow(),
            ResumeCommand = _run.Options.ResumeCommand, // known from the start, so even a killed run tells how to continue
            Phase = _run.Options.RefreshLibraryFirst && !_run.Options.DryRun ? LoopPhase.Baseline : LoopPhase.Aggregate,
        };
    }

    private static bool SamePath(string a, string b) => Core.Changes.Files.ConfinedRoot.SamePlace(a, b);

    /// <summary>A write the process was killed in the middle of: the backup manifest says which files; restore them first.</summary>
    private void RepairInterruptedWrites()
    {
        foreach (var backup in _run.Services.Changes.ListBackups().Where(b => b.State == BackupState.Partial || b.LogStatus == "in_progress"))
        {
            var restored = _run.Services.Changes.RollbackFix(new RollbackRequest { FixId = backup.FixId, Iteration = backup.Iteration });
            var record = _run.State.Fixes.Find(f => f.Id == backup.FixId && f.Iteration == backup.Iteration);
            if (record is not null)
            {
                record.Step = FixStep.Queued;
            }

            _run.Decide("resume", "repair", $"Fix {backup.FixId} was interrupted while writing; {restored.Sum(r => r.Files.Count)} file(s) were checked against the backup manifest and restored before anything else.",
                backup.FixId, evidence: [.. backup.Files]);
            _run.Save();
        }
    }

    private async Task RunPhasesAsync(CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            switch (_run.State.Phase)
            {
                case LoopPhase.Baseline:
                    using (_run.Timed("baseline"))
                    {
                        _run.Observe(LoopPhase.Baseline, "refreshing the library to record a baseline");
                        await LibraryRefresh.RunAsync(_run, ct).ConfigureAwait(false);
                    }

                    _run.Advance(LoopPhase.Aggregate);
                    break;
                case LoopPhase.Aggregate:
                    using (_run.Timed("aggregate"))
                    {
                        await _aggregate.RunAsync(ct).ConfigureAwait(false);
                    }

                    _run.Advance(LoopPhase.Diagnose);
                    break;
                case LoopPhase.Diagnose:
                    await _diagnose.RunAsync(ct).ConfigureAwait(false);
                    if (_run.Options.DryRun)
                    {
                        _run.State.ExitCondition = ExitCondition.DryRun;
                        _run.State.ExitReason = "Dry run: every patch was validated on a scratch copy; nothing was written, refreshed or restarted.";
                        _run.Decide("exit", ExitCondition.DryRun, _run.State.ExitReason);
                        _run.Advance(LoopPhase.Done);
                        break;
                    }

                    if (!_run.FixesOf(_run.State.Iteration).Any(f => f.Status == FixState.Pending))
                    {
                        // All fixes attempted and a fresh diagnosis finds nothing new: this pass changes nothing, so it
                        // is not counted as an iteration.
                        _run.State.ExitCondition = ExitCondition.NothingLeft;
                        var declared = FailingAgents.DeclareUnfixable(_run.State, _run.IterationMetrics(), [.. _run.FixesOf(_run.State.Iteration)], _run.State.Iteration);
                        foreach (var agent in declared)
                        {
                            _run.Decide("diagnose", "unfixable", agent.ToString());
                        }

                        _run.State.ExitReason = $"The fresh diagnosis after {_run.State.History.Count} iteration(s) proposed nothing new that applies ({_run.FixesOf(_run.State.Iteration).Count()} proposal(s), all tried before or not applicable)." +
                                            (declared.Count == 0 ? "" : $" Declared unfixable: {string.Join("; ", declared)}.");
                        _run.Decide("exit", ExitCondition.NothingLeft, _run.State.ExitReason);
                        _run.Advance(_run.Options.MeasureLibraryAtEnd ? LoopPhase.Final : LoopPhase.Done);
                        break;
                    }

                    _run.Advance(LoopPhase.Fixes);
                    break;
                case LoopPhase.Fixes:
                    foreach (var record in _run.FixesOf(_run.State.Iteration).Where(f => f.Step != FixStep.Done).ToList())
                    {
                        await _fixSteps.RunAsync(record, ct).ConfigureAwait(false);
                    }

                    _run.State.CurrentFix = null;
                    _run.State.CurrentStep = null;
                    _run.Advance(LoopPhase.PostMortem);
                    break;
                case LoopPhase.PostMortem:
                    using (_run.Timed("post-mortem"))
                    {
                        PostMortemPhase.Run(_run);
                    }

                    _run.Advance(LoopPhase.Lessons);
                    break;
                case LoopPhase.Lessons:
                    using (_run.Timed("lessons"))
                    {
                        await _lessonsPhase.RunAsync(ct).ConfigureAwait(false);
                    }

                    _run.Advance(LoopPhase.Exit);
                    break;
                case LoopPhase.Exit:
                    if (ExitCheck.Run(_run, ct) is { } verdict)
                    {
                        _run.State.ExitCondition = verdict.Condition;
                        _run.State.ExitReason = verdict.Reason;
                        _run.Decide("exit", verdict.Condition, verdict.Reason);
                        _run.Advance(_run.Options.MeasureLibraryAtEnd ? LoopPhase.Final : LoopPhase.Done);
                    }
                    else
                    {
                        _run.State.Iteration++;
                        _run.State.IterationWindowStart = _run.State.WindowEnd;
                        _run.State.CurrentLessonChanges.Clear();
                        _run.Advance(LoopPhase.Aggregate);
                    }

                    break;
                case LoopPhase.Final:
                    using (_run.Timed("final"))
                    {
                        _run.Observe(LoopPhase.Final, "refreshing the library to measure the final state");
                        var start = _run.Now();
                        await LibraryRefresh.RunAsync(_run, ct).ConfigureAwait(false);
                        var window = _run.Measure(start, _run.Now().AddMilliseconds(1), ct);
                        _run.State.Final = new MetricsSnapshot().With(window, _run.State.Iteration, _run.Targets);
                    }

                    _run.Advance(LoopPhase.Done);
                    break;
                case LoopPhase.Done:
                    return;
            }
        }
    }


    // ───────────── Finishing ─────────────

    private LoopResult Finish()
    {
        _run.State.Status = LoopStatus.Finished;
        _run.State.CurrentFix = null;
        _run.State.CurrentStep = null;
        _run.State.LeftFailing = FailingAgents.LeftFailing(_run.State);
        foreach (var agent in _run.State.LeftFailing)
        {
            _run.Decide("exit", "left failing", agent.ToString());
        }

        if (_run.Options.UpdateLessons && _run.Options.LessonsSeedPath is { } shared)
        {
            int count = _run.Lessons.MergeInto(shared);
            _run.Decide("lessons", "merge", $"Merged the run's lessons into '{shared}' ({count} rule(s)).");
        }

        _run.Save();
        var (report, chart) = FinalReportWriter.Write(_run.Store.WorkDir, _run.State, _run.Decisions, _run.Lessons.Load());
        return new LoopResult(_run.State, report, chart);
    }

    private void Pause(string reason)
    {
        _run.State.Status = LoopStatus.Paused;
        _run.State.StopReason = reason;
        _run.State.ResumeCommand = _run.Options.ResumeCommand;
        _run.Decide(RunContext.PhaseName(_run.State.Phase), "pause", reason, _run.State.CurrentFix);
        _run.Save();
    }

    /// <summary>A fix state as the run folder writes it (<c>rolled_back</c>).</summary>
    public static string Status(FixState state) => Core.Json.SnakeCaseName.Of(state);
}

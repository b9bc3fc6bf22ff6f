using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Json;

namespace PlexImprove.Core.Changes;

/// <summary>
/// The safe change engine: confine → read → patch in memory → gate before/after → back up → log →
/// write atomically → log. A change whose gate finds new problems writes nothing. Every method here is
/// meant to be exposed as a tool (<c>preview_patch</c>, <c>apply_patch</c>, <c>rollback_fix</c>, <c>list_backups</c>).
/// </summary>
public sealed class ChangeEngine
{
    private readonly PluginsRoot _root;
    private readonly WorkFolder _work;
    private readonly ICodeGate _gate;
    private readonly TimeProvider _time;
    private readonly IChangeStepHook? _hook;
    private readonly AtomicFileWriter _writer;
    private readonly BackupStore _backups;
    private readonly ImplementationLogStore _log;

    /// <param name="root">The Plug-ins folder every target must stay inside.</param>
    /// <param name="work">The work folder holding <c>iteration_N/</c>.</param>
    /// <param name="gate">The Python 2.7 syntax gate and Plex loader lint.</param>
    /// <param name="time">The clock (backup folder names, log timestamps).</param>
    /// <param name="hook">Observes write steps (tests simulate crashes with it).</param>
    public ChangeEngine(PluginsRoot root, WorkFolder work, ICodeGate gate, TimeProvider time, IChangeStepHook? hook = null)
    {
        _root = root;
        _work = work;
        _gate = gate;
        _time = time;
        _hook = hook;
        _writer = new AtomicFileWriter(hook);
        _backups = new BackupStore(work);
        _log = new ImplementationLogStore(work);
    }

    /// <summary>An engine for rollbacks and listings only: it never checks code, so it needs no Python 2.7 interpreter.</summary>
    public static ChangeEngine ForRollback(PluginsRoot root, WorkFolder work, TimeProvider time) => new(root, work, NoCodeGate.Instance, time);

    /// <summary>The Plug-ins root in use (symlinks resolved).</summary>
    public PluginsRoot Root => _root;

    /// <summary>
    /// Checks a patch without writing anything (tool <c>preview_patch</c>): it must apply, and the Python 2.7
    /// syntax gate and Plex loader lint must find nothing new in the changed files.
    /// </summary>
    public Task<ChangeOutcome> PreviewPatchAsync(ChangeRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, dryRun: true, cancellationToken);

    /// <summary>
    /// Applies a patch (tool <c>apply_patch</c>): backs up every target under
    /// <c>iteration_N/_BACKUPS/&lt;fix-id&gt;_&lt;timestamp&gt;/</c>, writes each file atomically and records the fix in
    /// <c>implementation_log.json</c>. Blocked (nothing written) when the change introduces gate findings.
    /// </summary>
    public Task<ChangeOutcome> ApplyPatchAsync(ChangeRequest request, CancellationToken cancellationToken = default) =>
        RunAsync(request, request.DryRun, cancellationToken);

    /// <summary>The whole-change rules checked before the gate (default <see cref="ChangeAdmission.None"/>).</summary>
    public ChangeAdmission Admission { get; init; } = ChangeAdmission.None;

    /// <summary>How long a writer waits for another to finish (<see cref="WriterLock.DefaultWait"/> unless set).</summary>
    public TimeSpan WriterWait { get; init; } = WriterLock.DefaultWait;

    private async Task<ChangeOutcome> RunAsync(ChangeRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun)
        {
            return await RunUnlockedAsync(request, dryRun, cancellationToken).ConfigureAwait(false);
        }

        // Everything from reading the files to the log entry happens under the lock, so no writer sees another's half.
        using var writer = await WriterLock.AcquireAsync(_root, _work, _time, WriterWait, cancellationToken).ConfigureAwait(false);
        return await RunUnlockedAsync(request, dryRun, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChangeOutcome> RunUnlockedAsync(ChangeRequest request, bool dryRun, CancellationToken cancellationToken)
    {
        var fixId = WorkFolder.ValidateFixId(request.FixId);
        var iteration = WorkFolder.ValidateIteration(request.Iteration);
        if (_root.Root.Contains(_work.FullPath))
        {
            throw new InvalidInputException(
                $"The work folder '{_work.FullPath}' lies inside the Plug-ins folder; Plex would see the backups there. Choose a work folder outside '{_root.FullPath}' (--work or Run:WorkDir).");
        }

        var started = _time.GetLocalNow();
        var document = PatchReader.Parse(request.Patch);
        var plan = Plan(document, request.AllCopies);
        Admit(fixId, document, plan, request);

        // Gate the whole change: the patched files (copies are byte-identical before and after) under the policy
        // their bundle has afterwards, and every module of a bundle whose Info.plist the change edits.
        var patched = plan.Files.Where(f => f.CopyOf is null)
            .Select(f => (f.Target.RelativePath, (ReadOnlyMemory<byte>)f.Before.Content, (ReadOnlyMemory<byte>)f.After)).ToList();
        var gated = ChangeGateScope.Select(_root, patched);
        var sources = new List<GateSource>(gated.Count * 2);
        foreach (var file in gated)
        {
            sources.Add(new GateSource(file.RelativePath, file.Before) { Policy = file.BeforePolicy });
            sources.Add(new GateSource(file.RelativePath, file.After) { Policy = file.AfterPolicy });
        }

        var results = sources.Count == 0 ? [] : await _gate.CheckAsync(sources, GateChecks.All, cancellationToken).ConfigureAwait(false);
        var comparisons = new List<GateComparison>();
        var beforeFindings = new List<CodeFinding>();
        var afterFindings = new List<CodeFinding>();
        for (var i = 0; i < gated.Count; i++)
        {
            var before = results[2 * i];
            var after = results[(2 * i) + 1];
            beforeFindings.AddRange(before.Findings);
            afterFindings.AddRange(after.Findings);
            comparisons.Add(GateComparison.Compare(before, after));
        }

        foreach (var problem in ChangeGateScope.PlistProblems(patched))
        {
            afterFindings.AddRange(problem.Introduced);
            comparisons.Add(problem);
        }

        var findings = GateComparison.Combine(comparisons);
        var checks = new List<GateRun>
        {
            new() { Phase = "before", Checks = ["syntax", "lint"], Files = [.. gated.Select(f => f.RelativePath)], Findings = beforeFindings },
            new() { Phase = "after", Checks = ["syntax", "lint"], Files = [.. gated.Select(f => f.RelativePath)], Findings = afterFindings },
        };
        var changed = plan.Files.Select(f => new ChangedFile
        {
            Path = f.Target.RelativePath,
            Sha256Before = f.Before.Sha256,
            Sha256After = FileSnapshot.HashOf(f.After),
            SizeBefore = f.Before.Content.Length,
            SizeAfter = f.After.Length,
            CopyOf = f.CopyOf,
            Diff = f.CopyOf is null ? UnifiedDiffWriter.Write(f.Target.RelativePath, f.Before.Content, f.After) : null,
        }).ToList();
        var copiesNote = plan.Skipped.Count > 0 ? $" {plan.Skipped.Count} differing copies were skipped." : "";

        if (findings.Blocks)
        {
            var message = $"Fix '{fixId}' was NOT applied: the change introduces {findings.Introduced.Count} problem(s) " +
                          "Plex would hit (see findings); no file was written." + copiesNote;
            string? logPath = null;
            if (!dryRun)
            {
                var entry = NewEntry(request, fixId, iteration, started, FixStatus.Blocked, changed, plan.Skipped, checks, findings, backup: null);
                entry.FinishedAt = _time.GetLocalNow();
                entry.Message = message;
                _log.Upsert(iteration, entry);
                logPath = _work.ImplementationLogPath(iteration);
            }

            return Outcome(fixId, iteration, FixStatus.Blocked, message, changed, plan.Skipped, findings, null, logPath);
        }

        if (dryRun)
        {
            var message = $"Fix '{fixId}' would change {changed.Count} file(s) and passes the Python 2.7 gate " +
                          $"({findings.PreExisting.Count} pre-existing finding(s)). Dry run: nothing was written." + copiesNote;
            return Outcome(fixId, iteration, FixStatus.Previewed, message, changed, plan.Skipped, findings, null, null);
        }

        return Write(request, fixId, iteration, started, plan, changed, checks, findings, copiesNote);
    }

    /// <summary>Throws <see cref="ChangeRefusedException"/> when the change breaks a rule of <see cref="Admission"/>; nothing is written yet.</summary>
    private void Admit(string fixId, PatchDocument document, ChangePlan plan, ChangeRequest request)
    {
        if (Admission.OneBundlePerFix)
        {
            var bundles = document.Files
                .Select(f => f.Path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "")
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (bundles.Count > 1)
            {
                throw new ChangeRefusedException(
                    $"Fix '{fixId}' was NOT applied: the patch changes files in {bundles.Count} bundles ({string.Join(", ", bundles)}). A fix is restarted, tested, " +
                    "logged and rolled back as one agent, so give one patch per bundle (a file copied byte for byte into several bundles: patch one and use all copies). No file was written.");
            }
        }

        if (Admission.NewHosts is not { } review)
        {
            return;
        }

        var approved = new HashSet<string>(request.ApprovedHosts.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        var unapproved = new List<(string File, string Host)>();
        foreach (var file in plan.Files.Where(f => f.CopyOf is null))
        {
            var before = System.Text.Encoding.UTF8.GetString(file.Before.Content);
            var after = System.Text.Encoding.UTF8.GetString(file.After);
            unapproved.AddRange(review.NewHosts(file.Target.RelativePath, before, after).Where(h => !approved.Contains(h)).Select(h => (file.Target.RelativePath, h)));
        }

        if (unapproved.Count > 0)
        {
            var hosts = unapproved.Select(u => u.Host).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            throw new ChangeRefusedException(
                $"Fix '{fixId}' was NOT applied: the change makes {string.Join(", ", unapproved.Select(u => u.File).Distinct(StringComparer.Ordinal))} reach " +
                $"{string.Join(", ", hosts.Select(h => $"'{h}'"))}, which the agent's code never used. A new network host can carry data away, so it needs a person's " +
                $"approval: review the change, then {Admission.HowToApprove} ({string.Join(", ", hosts)}). No file was written.");
        }
    }

    private ChangeOutcome Write(
        ChangeRequest request, string fixId, int iteration, DateTimeOffset started, ChangePlan plan,
        List<ChangedFile> changed, List<GateRun> checks, GateComparison findings, string copiesNote)
    {
        // A fix written on the result of earlier fixes is recorded as stacked on them, so rolling them back later
        // names this one instead of taking it for an outside edit.
        var stack = new FixStack(_backups.List());
        var stacksOn = plan.Files
            .SelectMany(f => stack.FixesResultingIn(f.Target.RelativePath, f.Before.Sha256))
            .Where(s => s.Manifest.FixId != fixId || s.Manifest.Iteration != iteration)
            .Select(s => s.Manifest.FixId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var backup = _backups.Create(iteration, fixId, _root.FullPath, _time.GetLocalNow(), [
            .. plan.Files.Select(f => (new BackupManifestEntry
            {
                Path = f.Target.RelativePath,
                Size = f.Before.Content.Length,
                Mode = FileSnapshot.FormatMode(f.Before.Mode),
                Sha256Before = f.Before.Sha256,
                Sha256After = FileSnapshot.HashOf(f.After),
                SizeAfter = f.After.Length,
                CopyOf = f.CopyOf,
            }, f.Before.Content)),
        ]);
        _hook?.OnStep(ChangeStep.BackupWritten, "");

        var backupRelative = Path.GetRelativePath(_work.IterationPath(iteration), backup.FolderPath).Replace('\\', '/');
        var entry = NewEntry(request, fixId, iteration, started, FixStatus.InProgress, changed, plan.Skipped, checks, findings, backupRelative);
        entry.StacksOn = stacksOn;
        entry.Message = "Backed up; writing.";
        _log.Upsert(iteration, entry);

        var written = new List<PlannedFile>();
        foreach (var file in plan.Files)
        {
            try
            {
                _writer.Write(file.Target.FullPath, file.After, file.Before.Mode, file.Target.RelativePath);
                written.Add(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var restoreProblems = new List<string>();
                foreach (var done in written)
                {
                    try
                    {
                        _writer.Write(done.Target.FullPath, done.Before.Content, done.Before.Mode, done.Target.RelativePath);
                    }
                    catch (Exception restoreError) when (restoreError is IOException or UnauthorizedAccessException)
                    {
                        restoreProblems.Add($"{done.Target.RelativePath} ({restoreError.Message})");
                    }
                }

                var message = $"Fix '{fixId}' failed while writing '{file.Target.RelativePath}': {e.Message}. " +
                              (restoreProblems.Count == 0
                                  ? "The files written before it were restored; nothing is left changed."
                                  : $"These files could not be restored: {string.Join(", ", restoreProblems)}; run '{PrintedCommand.Of("rollback --fix-id " + PrintedCommand.Quote(fixId))}'.");
                entry.Status = FixStatus.Failed;
                entry.FinishedAt = _time.GetLocalNow();
                entry.Message = message;
                entry.History.Add(new StatusChange { Status = FixStatus.Failed, At = entry.FinishedAt.Value });
                _log.Upsert(iteration, entry);
                throw new ChangeWriteFailedException(message, e);
            }
        }

        entry.Status = FixStatus.Applied;
        entry.FinishedAt = _time.GetLocalNow();
        entry.History.Add(new StatusChange { Status = FixStatus.Applied, At = entry.FinishedAt.Value });
        var applied = $"Fix '{fixId}' applied to {changed.Count} file(s); backup in '{backup.FolderPath}'." +
                      (findings.PreExisting.Count > 0 ? $" {findings.PreExisting.Count} pre-existing finding(s) remain (not blocking)." : "") + copiesNote +
                      (stacksOn.Count > 0
                          ? $" It is stacked on fix(es) {string.Join(", ", stacksOn.Select(f => $"'{f}'"))} (same files); rolling those back now also rolls back this one (--cascade)."
                          : "");
        entry.Message = applied;
        _log.Upsert(iteration, entry);
        return Outcome(fixId, iteration, FixStatus.Applied, applied, changed, plan.Skipped, findings, backup.FolderPath, _work.ImplementationLogPath(iteration), stacksOn);
    }

    /// <summary>
    /// Restores backups (tool <c>rollback_fix</c>), newest first, after verifying each backup copy against its
    /// manifest hash. A later fix of this work folder that changed the same files on top of a chosen one stops
    /// the rollback (naming it) unless <see cref="RollbackRequest.Cascade"/>, which rolls the later fixes back
    /// first. A file changed outside plex-improve since the fix stops the whole rollback before anything is
    /// written, unless <see cref="RollbackRequest.Force"/>.
    /// </summary>
    /// <exception cref="BackupNotFoundException">No backup matches, or a backup copy is missing or damaged.</exception>
    /// <exception cref="StackedFixesException">Later fixes sit on top of a chosen one and Cascade is off.</exception>
    /// <exception cref="BackupConflictException">A file changed outside plex-improve since the fix and Force is off.</exception>
    public IReadOnlyList<RolledBackFix> RollbackFix(RollbackRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FixId is null && request.Iteration is null && !request.All)
        {
            throw new InvalidInputException("Say what to roll back: --fix-id ID, --iteration N or --all.");
        }

        if (request.FixId is not null)
        {
            WorkFolder.ValidateFixId(request.FixId);
        }

        using var writer = WriterLock.Acquire(_root, _work, _time, WriterWait);
        var everything = _backups.List();
        var chosen = everything
            .Where(s => request.All
                        || ((request.FixId is null || s.Manifest.FixId == request.FixId)
                            && (request.Iteration is null || s.Manifest.Iteration == request.Iteration)))
            .ToList();
        if (chosen.Count == 0)
        {
            var what = request.All ? "any fix" : request.FixId is not null ? $"fix '{request.FixId}'" : $"iteration {request.Iteration}";
            throw new BackupNotFoundException(
                $"No backup of {what} was found under '{_work.FullPath}'. Run '{PrintedCommand.Of("backups --work " + PrintedCommand.Quote(_work.FullPath))}' to see the backups there.");
        }

        var stack = new FixStack(everything);
        var cascaded = LaterFixesToRollBack(stack, chosen, request);
        var selected = new HashSet<string>(chosen.Concat(cascaded).Select(s => s.FolderPath), StringComparer.Ordinal);
        var sets = everything.Where(s => selected.Contains(s.FolderPath)).ToList();

        // Plan every restore first, tracking what each file will hold, so stacked fixes restore in order and
        // a conflict stops everything before the first write.
        var simulated = new Dictionary<string, string?>(StringComparer.Ordinal);
        var planned = new List<(BackupSet Set, List<(BackupManifestEntry Entry, ConfinedPath Target, byte[] Copy, string Action)> Files)>();
        var conflicts = new List<string>();
        foreach (var set in sets)
        {
            var files = new List<(BackupManifestEntry, ConfinedPath, byte[], string)>();
            foreach (var entry in set.Manifest.Files)
            {
                var target = _root.Resolve(entry.Path);
                var copyPath = set.CopyPath(entry);
                if (!File.Exists(copyPath))
                {
                    throw new BackupNotFoundException($"The backup copy '{copyPath}' is missing; backup '{set.Name}' cannot be restored. Nothing was restored.");
                }

                var copy = File.ReadAllBytes(copyPath);
                if (FileSnapshot.HashOf(copy) != entry.Sha256Before)
                {
                    throw new BackupNotFoundException(
                        $"The backup copy '{copyPath}' does not match the hash in its manifest (damaged or edited); backup '{set.Name}' cannot be restored. Nothing was restored.");
                }

                var current = simulated.TryGetValue(target.RelativePath, out var simulatedHash) ? simulatedHash : FileSnapshot.HashOfFile(target.FullPath);
                string action;
                if (current == entry.Sha256After)
                {
                    action = "restored";
                }
                else if (stack.IsAbsent(set, entry.Path, current))
                {
                    // The fix's change is not there: already rolled back, or what is there now came from other fixes.
                    action = "already_original";
                }
                else
                {
                    conflicts.Add($"{target.RelativePath} (fix '{set.Manifest.FixId}', {(current is null ? "file is missing" : "changed outside plex-improve since the fix")})");
                    action = "forced";
                }

                if (action != "already_original")
                {
                    simulated[target.RelativePath] = entry.Sha256Before;
                }

                files.Add((entry, target, copy, action));
            }

            planned.Add((set, files));
        }

        if (conflicts.Count > 0 && !request.Force)
        {
            throw new BackupConflictException(
                $"Not rolled back: {conflicts.Count} file(s) were changed outside plex-improve since the fix: {string.Join("; ", conflicts)}. " +
                "Restoring would discard those changes. Check them, then re-run with --force to restore anyway. Nothing was restored.",
                conflicts);
        }

        var now = _time.GetLocalNow();
        var result = new List<RolledBackFix>();
        foreach (var (set, files) in planned)
        {
            var restored = new List<RestoredFile>();
            foreach (var (entry, target, copy, action) in files)
            {
                if (action != "already_original")
                {
                    _writer.Write(target.FullPath, copy, FileSnapshot.ParseMode(entry.Mode), target.RelativePath);
                }

                restored.Add(new RestoredFile(target.RelativePath, action));
            }

            _log.MarkRolledBack(set.Manifest.Iteration, set.Manifest.FixId, now);
            result.Add(new RolledBackFix
            {
                FixId = set.Manifest.FixId,
                Iteration = set.Manifest.Iteration,
                Backup = set.Name,
                Files = restored,
                Cascaded = cascaded.Contains(set),
            });
        }

        return result;
    }

    /// <summary>
    /// The later fixes (not chosen themselves) whose changes sit on top of a chosen fix's files. Without cascade,
    /// any such fix stops the rollback: restoring would discard it, and it is not "someone else's" edit.
    /// </summary>
    private List<BackupSet> LaterFixesToRollBack(FixStack stack, List<BackupSet> chosen, RollbackRequest request)
    {
        var later = new List<BackupSet>();
        var touched = new List<string>();
        foreach (var set in chosen)
        {
            foreach (var entry in set.Manifest.Files)
            {
                var onTop = stack.LaterFixesOnTop(set, entry.Path, FileSnapshot.HashOfFile(_root.Resolve(entry.Path).FullPath));
                foreach (var fix in onTop ?? [])
                {
                    if (!chosen.Contains(fix) && !later.Contains(fix))
                    {
                        later.Add(fix);
                    }

                    if (!chosen.Contains(fix) && !touched.Contains(entry.Path))
                    {
                        touched.Add(entry.Path);
                    }
                }
            }
        }

        if (later.Count == 0 || request.Cascade)
        {
            return later;
        }

        var newestFirst = later.OrderByDescending(s => s.Manifest.CreatedAt).ThenByDescending(s => s.Name, StringComparer.Ordinal).ToList();
        var names = string.Join(", ", newestFirst.Select(s => $"'{s.Manifest.FixId}' (iteration {s.Manifest.Iteration})"));
        var what = request.FixId is not null ? $"fix '{request.FixId}'" : request.Iteration is not null ? $"iteration {request.Iteration}" : "these fixes";
        throw new StackedFixesException(
            $"Not rolled back: later fix(es) {names} changed {string.Join(", ", touched)} on top of {what}; restoring it alone would discard them. " +
            "Re-run with --cascade to roll back the later fix(es) first (newest first), then this one. Nothing was restored.",
            [.. newestFirst.Select(s => s.Manifest.FixId)]);
    }

    /// <summary>Lists every backup of the work folder, newest first, with how the live files compare (tool <c>list_backups</c>).</summary>
    public IReadOnlyList<BackupSummary> ListBackups() => ListBackups(_work, _root);

    /// <summary>
    /// Lists backups without a change engine. With no <paramref name="root"/>, each backup is compared with the
    /// Plug-ins folder recorded in its manifest (state <c>unknown</c> when that folder is gone).
    /// </summary>
    public static IReadOnlyList<BackupSummary> ListBackups(WorkFolder work, PluginsRoot? root)
    {
        var recordedRoots = new Dictionary<string, PluginsRoot?>(StringComparer.Ordinal);
        var logStore = new ImplementationLogStore(work);
        var logs = new Dictionary<int, ImplementationLog>();
        var sets = new BackupStore(work).List();
        var stack = new FixStack(sets);
        return
        [
            .. sets.Select(set =>
            {
                if (!logs.TryGetValue(set.Manifest.Iteration, out var log))
                {
                    logs[set.Manifest.Iteration] = log = logStore.Load(set.Manifest.Iteration);
                }

                var status = log.Fixes.Find(f => f.FixId == set.Manifest.FixId)?.Status;
                var (state, laterFixes) = StateOf(stack, set, root ?? RecordedRoot(recordedRoots, set.Manifest.PluginsRoot));
                return new BackupSummary
                {
                    FixId = set.Manifest.FixId,
                    Iteration = set.Manifest.Iteration,
                    Backup = set.Name,
                    Folder = set.FolderPath,
                    CreatedAt = set.Manifest.CreatedAt,
                    State = state,
                    LaterFixes = laterFixes,
                    LogStatus = status is { } s ? SnakeCaseName.Of(s) : null,
                    Files = [.. set.Manifest.Files.Select(f => f.Path)],
                };
            }),
        ];
    }

    private static (BackupState State, IReadOnlyList<string> LaterFixes) StateOf(FixStack stack, BackupSet set, PluginsRoot? root)
    {
        if (root is null)
        {
            return (BackupState.Unknown, []);
        }

        var (state, later) = stack.StateOf(set, path =>
        {
            try
            {
                return FileSnapshot.HashOfFile(root.Resolve(path).FullPath);
            }
            catch (PathConfinementException)
            {
                return null;
            }
        });
        return (state, [.. later.Select(l => l.Manifest.FixId)]);
    }

    private static PluginsRoot? RecordedRoot(Dictionary<string, PluginsRoot?> cache, string path)
    {
        if (!cache.TryGetValue(path, out var root))
        {
            try
            {
                root = Directory.Exists(path) ? new PluginsRoot(path) : null;
            }
            catch (InvalidInputException)
            {
                root = null;
            }

            cache[path] = root;
        }

        return root;
    }

    private ChangePlan Plan(PatchDocument document, bool allCopies)
    {
        // Confine every target before reading anything.
        var targets = document.Files.Select(f => (Patch: f, Target: _root.Resolve(f.Path))).ToList();
        var duplicates = targets.GroupBy(t => t.Target.RelativePath, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
        {
            throw new PatchFormatException($"The patch changes '{duplicates.Key}' in more than one place; merge them into one file section.");
        }

        var files = new List<PlannedFile>();
        foreach (var (patch, target) in targets)
        {
            if (!File.Exists(target.FullPath))
            {
                throw new InvalidInputException($"'{target.RelativePath}' does not exist in the Plug-ins folder '{_root.FullPath}'. No file was changed.");
            }

            var before = FileSnapshot.Read(target.FullPath);
            if (FileSnapshot.LooksBinary(before.Content))
            {
                throw new InvalidInputException($"'{target.RelativePath}' is a binary file; only text files can be patched. No file was changed.");
            }

            var after = PatchApplier.Apply(patch, before.Content, target.RelativePath);
            files.Add(new PlannedFile(target, before, after, null));
        }

        var skipped = new List<SkippedCopy>();
        if (allCopies)
        {
            var explicitPaths = files.Select(f => f.Target.RelativePath).ToHashSet(StringComparer.Ordinal);
            foreach (var original in files.ToList())
            {
                foreach (var copyPath in SameNamedFiles(original.Target.RelativePath))
                {
                    if (explicitPaths.Contains(copyPath) || files.Any(f => f.Target.RelativePath == copyPath))
                    {
                        continue;
                    }

                    ConfinedPath copy;
                    try
                    {
                        copy = _root.Resolve(copyPath);
                    }
                    catch (PathConfinementException)
                    {
                        skipped.Add(new SkippedCopy { Path = copyPath, Reason = "a symlink leads outside the Plug-ins folder" });
                        continue;
                    }

                    if (files.Any(f => f.Target.RelativePath == copy.RelativePath))
                    {
                        continue;
                    }

                    var snapshot = FileSnapshot.Read(copy.FullPath);
                    if (snapshot.Sha256 == original.Before.Sha256)
                    {
                        files.Add(new PlannedFile(copy, snapshot, original.After, original.Target.RelativePath));
                    }
                    else
                    {
                        skipped.Add(new SkippedCopy
                        {
                            Path = copy.RelativePath,
                            Reason = $"differs from '{original.Target.RelativePath}' (sha256 {snapshot.Sha256[..12]} vs {original.Before.Sha256[..12]}, " +
                                     $"{snapshot.Content.Length} vs {original.Before.Content.Length} bytes)",
                        });
                    }
                }
            }
        }

        return new ChangePlan(files, skipped);
    }

    /// <summary>The same path inside every other bundle folder directly under the root (<c>X.bundle/Contents/Code/utils.py</c> → <c>Y.bundle/Contents/Code/utils.py</c>).</summary>
    private IEnumerable<string> SameNamedFiles(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            yield break;
        }

        var bundle = relativePath[..slash];
        var rest = relativePath[(slash + 1)..];
        foreach (var folder in Directory.EnumerateDirectories(_root.FullPath).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            if (name == bundle)
            {
                continue;
            }

            if (File.Exists(Path.Combine([folder, .. rest.Split('/')])))
            {
                yield return $"{name}/{rest}";
            }
        }
    }

    private ImplementationLogEntry NewEntry(
        ChangeRequest request, string fixId, int iteration, DateTimeOffset started, FixStatus status, List<ChangedFile> changed,
        IReadOnlyList<SkippedCopy> skipped, List<GateRun> checks, GateComparison findings, string? backup)
    {
        var history = _log.Load(iteration).Fixes.Find(f => f.FixId == fixId)?.History ?? [];
        history.Add(new StatusChange { Status = status, At = _time.GetLocalNow() });
        return new ImplementationLogEntry
        {
            FixId = fixId,
            Status = status,
            ExpectedBehaviour = request.ExpectedBehaviour,
            Patch = request.PatchName,
            PatchSha256 = FileSnapshot.HashOf(request.Patch.Span),
            AllCopies = request.AllCopies,
            StartedAt = started,
            Backup = backup,
            Files = [.. changed.Select(c => new LoggedFile { Path = c.Path, Sha256Before = c.Sha256Before, Sha256After = c.Sha256After, CopyOf = c.CopyOf })],
            SkippedCopies = skipped,
            Checks = checks,
            Findings = findings,
            History = history,
        };
    }

    private static ChangeOutcome Outcome(
        string fixId, int iteration, FixStatus status, string message, List<ChangedFile> changed, IReadOnlyList<SkippedCopy> skipped,
        GateComparison findings, string? backup, string? log, IReadOnlyList<string>? stacksOn = null) => new()
        {
            StacksOn = stacksOn ?? [],
            FixId = fixId,
            Iteration = iteration,
            Status = status,
            Message = message,
            Files = changed,
            SkippedCopies = skipped,
            Findings = findings,
            BackupFolder = backup,
            ImplementationLog = log,
        };


    private sealed record PlannedFile(ConfinedPath Target, FileSnapshot Before, byte[] After, string? CopyOf);

    private sealed record ChangePlan(List<PlannedFile> Files, List<SkippedCopy> Skipped);
}

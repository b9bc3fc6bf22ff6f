using System.Globalization;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs.Archive;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.State;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// What every phase of one run shares: its options and services, the saved state and decision log, the run folder,
/// the log archive and the lessons; and the bookkeeping every phase does the same way (decide, save, observe, time).
/// </summary>
public sealed class RunContext
{
    internal RunContext(LoopOptions options, LoopServices services)
    {
        Options = options;
        Services = services;
        Store = new LoopStateStore(options.WorkDir);
        Work = new WorkFolder(options.WorkDir);
        Lessons = new RunLessons(Store.WorkDir);
        Archive = new PluginLogArchive(PluginLogArchive.FolderOf(Store.WorkDir), options.LogsDir, options.LogArchiveMaxBytes);
        Progress = new ObserverProgress(services.Observers);
    }

    public LoopOptions Options { get; }

    public LoopServices Services { get; }

    public LoopStateStore Store { get; }

    /// <summary>The run folder's layout (iteration folders, backups, implementation logs).</summary>
    public WorkFolder Work { get; }

    public RunLessons Lessons { get; }

    /// <summary>Every plug-in log line the run read; every phase reads it, never Plex's live files.</summary>
    public PluginLogArchive Archive { get; }

    public LoopState State { get; internal set; } = null!;

    public DecisionLog Decisions { get; internal set; } = null!;

    /// <summary>Refresh progress, forwarded to the observers.</summary>
    public IProgress<RefreshProgress> Progress { get; }

    public string IterationDir => Work.IterationPath(State.Iteration);

    /// <summary>The agents the run measures: those asked for, else every agent of the baseline.</summary>
    public IReadOnlyCollection<string> Targets => State.Agents.Count > 0 ? State.Agents : State.Baseline?.Agents.Keys ?? (IReadOnlyCollection<string>)[];

    public IEnumerable<FixRecord> FixesOf(int iteration) => State.Fixes.Where(f => f.Iteration == iteration);

    /// <summary>The archive brought up to date first: a restart's rotation cannot erase a line the run needs.</summary>
    public string ArchivedLogs(CancellationToken ct) => Archive.Sync(ct);

    /// <summary>The window's sessions and metrics, each agent on its own window when it has one.</summary>
    public AggregationResult AggregateWindow(DateTime? since, DateTime until, IReadOnlyDictionary<string, AgentWindow> windows, CancellationToken ct) =>
        Services.Aggregator.Aggregate(
            new AggregationRequest { LogsDir = ArchivedLogs(ct), Since = since, Until = until, AgentWindows = windows, Agents = State.Agents, CollectSessions = true },
            cancellationToken: ct);

    /// <summary>The metrics of a window, every agent on the same window.</summary>
    public MetricsDocument Measure(DateTime? since, DateTime until, CancellationToken ct, IReadOnlyDictionary<string, AgentWindow>? windows = null) =>
        Services.Aggregator.Aggregate(
            new AggregationRequest { LogsDir = ArchivedLogs(ct), Since = since, Until = until, Agents = State.Agents, AgentWindows = windows ?? new Dictionary<string, AgentWindow>() },
            cancellationToken: ct).Metrics;

    /// <summary>The current iteration's Phase 1 metrics (<c>metrics.json</c>).</summary>
    public MetricsDocument IterationMetrics() => MetricsJson.Read(Work.MetricsPath(State.Iteration));

    /// <summary>A fix's proposal, as its iteration's diagnostic report holds it.</summary>
    /// <exception cref="IncompatibleWorkFolderException">The report or the fix is missing from the run folder.</exception>
    public FixProposal Proposal(FixRecord record) =>
        (DiagnosisFiles.Read(Work.IterationPath(record.Iteration)) ?? throw new IncompatibleWorkFolderException($"The diagnostic report of iteration {record.Iteration} is missing from '{Store.WorkDir}'; the run cannot continue."))
        .Fixes.FirstOrDefault(f => f.Id == record.Id)
        ?? throw new IncompatibleWorkFolderException($"Fix {record.Id} is not in iteration {record.Iteration}'s diagnostic report; the run cannot continue.");

    public void Advance(LoopPhase phase)
    {
        State.Phase = phase;
        Save();
    }

    /// <summary>Saves the fix's step and tells the observers.</summary>
    public void Step(FixRecord record, string detail)
    {
        State.CurrentFix = record.Id;
        State.CurrentStep = record.Step;
        Save();
        foreach (var observer in Services.Observers)
        {
            observer.OnFix(record.Iteration, record.Id, record.Step, detail);
        }
    }

    public void Observe(LoopPhase phase, string detail)
    {
        foreach (var observer in Services.Observers)
        {
            observer.OnPhase(State.Iteration, phase, detail);
        }
    }

    public void Decide(string phase, string what, string rationale, string? fixId = null, IReadOnlyList<string>? inputs = null, IReadOnlyList<string>? evidence = null) =>
        Decisions.Decisions.Add(new Decision
        {
            At = Services.Time.GetLocalNow(),
            Iteration = State.Iteration,
            Phase = phase,
            What = what,
            FixId = fixId,
            Inputs = inputs ?? [],
            Evidence = evidence ?? [],
            Rationale = rationale,
        });

    /// <summary>Decisions first, then the state: a decision is never lost, and a state never points past its decisions.</summary>
    public void Save()
    {
        State.UpdatedAt = Services.Time.GetLocalNow();
        Store.SaveDecisions(Decisions);
        Store.Save(State);
    }

    /// <summary>Local time to the millisecond, as plug-in logs are stamped.</summary>
    public DateTime Now()
    {
        var now = Services.Time.GetLocalNow().DateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), now.Kind);
    }

    /// <summary>Adds the time until disposal to the phase's total in the state.</summary>
    public IDisposable Timed(string phase) => new PhaseTimer(State.Timings, phase, Services.Time);

    public static string PhaseName(LoopPhase phase) => phase.ToString().ToLowerInvariant();

    /// <summary>The expected results of a proposal in one line.</summary>
    public static string Expected(FixProposal proposal) =>
        proposal.ExpectedResults.Count == 0
            ? proposal.ExpectedVsObserved.Expected
            : string.Join("; ", proposal.ExpectedResults.Select(e => $"{e.Metric} {e.Direction.ToString().ToLowerInvariant()}{(e.Target is { } t ? " to " + t.ToString("0.##", CultureInfo.InvariantCulture) : "")}"));

    private sealed class ObserverProgress(IReadOnlyList<ILoopObserver> observers) : IProgress<RefreshProgress>
    {
        public void Report(RefreshProgress value)
        {
            foreach (var observer in observers)
            {
                observer.OnRefresh(value);
            }
        }
    }

    private sealed class PhaseTimer(PhaseTiming timings, string phase, TimeProvider time) : IDisposable
    {
        private readonly long _start = time.GetTimestamp();

        public void Dispose() => timings.Add(phase, time.GetElapsedTime(_start));
    }
}

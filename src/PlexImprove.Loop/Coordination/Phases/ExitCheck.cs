using PlexImprove.Loop.Figures;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>Phase 6's question after each iteration: stop (and why) or go on. In: the window since the iteration's start. Out: the iteration's history record.</summary>
internal static class ExitCheck
{
    /// <summary>Measures the iteration's outcome, records it in the history, and asks the exit policy; null: go on.</summary>
    public static ExitVerdict? Run(RunContext run, CancellationToken ct)
    {
        var fixes = run.FixesOf(run.State.Iteration).ToList();
        // One counting rule for every figure: a rolled-back fix's own test window is not counted (SuccessFigures).
        var window = run.Measure(run.State.IterationWindowEnd, run.Now().AddMilliseconds(1), ct, SuccessFigures.IterationWindows(run.State.IterationWindowEnd, fixes, run.Now()));
        run.State.Current = (run.State.Current ?? new MetricsSnapshot()).With(window, run.State.Iteration, run.Targets);
        var overall = run.State.Current.Overall;
        run.State.History.RemoveAll(h => h.Iteration == run.State.Iteration);
        run.State.History.Add(new IterationRecord
        {
            Iteration = run.State.Iteration,
            SuccessRate = overall.Rate,
            Succeeded = overall.Succeeded,
            Started = overall.Started,
            Proposed = fixes.Count,
            NewProposals = fixes.Count(f => f.AlreadyTriedIn is null),
            Kept = fixes.Count(f => f.Status == FixState.Kept),
            Monitor = fixes.Count(f => f.Status == FixState.Monitor),
            RolledBack = fixes.Count(f => f.Status == FixState.RolledBack),
            Blocked = fixes.Count(f => f.Status == FixState.Blocked),
            NotApplicable = fixes.Count(f => f.Status == FixState.NotApplicable),
            LessonChanges = [.. run.State.CurrentLessonChanges],
        });
        var elapsed = TimeSpan.FromSeconds(run.State.Timings.Total);
        return new ExitPolicy(new ExitSettings
        {
            TargetSuccessRate = run.Options.Exit.TargetSuccessRate,
            PlateauPoints = run.Options.Exit.PlateauPoints,
            PlateauIterations = run.Options.Exit.PlateauIterations,
            MaxIterations = run.State.MaxIterations,
            RegressionPValue = run.Options.Exit.RegressionPValue,
            BudgetMinutes = run.Options.Exit.BudgetMinutes,
        }).Evaluate(run.State.Baseline?.Overall ?? AgentRate.Of(0, 0, 0), run.State.History, elapsed);
    }
}

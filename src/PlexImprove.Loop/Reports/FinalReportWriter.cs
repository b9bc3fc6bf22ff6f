using System.Globalization;
using System.Text;
using PlexImprove.Agent.Lessons;
using PlexImprove.Core.Changes;
using PlexImprove.Core.IO;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Figures;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Reports;

/// <summary>
/// <c>final_improvement_report.md</c> and its chart: baseline vs final per agent with intervals, the iteration history,
/// each fix with its evidence, the lessons and which later diagnosis they shaped, what remains, and the phase timings.
/// </summary>
public static class FinalReportWriter
{
    public const string FileName = "final_improvement_report.md";

    public static (string Markdown, string Chart) Write(string workDir, LoopState state, DecisionLog decisions, LessonBook lessons, double target = 0.90)
    {
        var md = Path.Combine(workDir, FileName);
        var svg = Path.Combine(workDir, SuccessChart.FileName);
        AtomicFile.WriteAllText(svg, SuccessChart.Svg(state, target));
        AtomicFile.WriteAllText(md, Render(workDir, state, decisions, lessons, target));
        return (md, svg);
    }

    public static string Render(string workDir, LoopState state, DecisionLog decisions, LessonBook lessons, double target)
    {
        var sb = new StringBuilder();
        var final = state.Final ?? state.Current;
        sb.Append("# Final improvement report\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"- status: **{state.Status.ToString().ToLowerInvariant()}**; exit: **{state.ExitCondition ?? "none"}**{(state.ExitReason is { } r ? " — " + r : "")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- brain: {state.Brain}; iterations: {state.History.Count}; Plex: {state.PlexUrl}{(state.DryRun ? "; dry run" : "")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"- success of the targeted agents: {Rate(state.Baseline?.Overall)} → {Rate(final?.Overall)}{(state.Final is not null ? " (final: every item refreshed once more)" : " (as last measured per agent)")}\n\n");

        sb.Append("How every figure is counted: ").Append(SuccessFigures.Rule).Append("\n\n");
        sb.Append("## Baseline vs final per agent\n\n");
        sb.Append("Sessions (searches + updates) from the plugin logs, with the Wilson 95% interval. The baseline is the first window; ");
        sb.Append(state.Final is not null ? "the final figures come from refreshing every item after the last iteration.\n\n" : "each agent's final figures come from the latest window that saw it work (iteration shown).\n\n");
        sb.Append("| agent | baseline | final | change |\n|---|---|---|---|\n");
        var agents = (state.Baseline?.Agents.Keys ?? Enumerable.Empty<string>()).Union(final?.Agents.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            var before = state.Baseline?.Agents.GetValueOrDefault(agent);
            var after = final?.Agents.GetValueOrDefault(agent);
            string change = before?.Rate is { } b && after?.Rate is { } a ? ((a - b) * 100).ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture) + " points" : "n/a";
            sb.Append(CultureInfo.InvariantCulture, $"| {agent} | {Rate(before)} | {Rate(after)}{(after is not null && state.Final is null ? $" (iteration {after.MeasuredIn})" : "")} | {change} |\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"\n![Success per iteration]({SuccessChart.FileName})\n\n");

        sb.Append("## Iteration history\n\n| iteration | success | proposed | new | kept | monitor | rolled back | blocked | not applicable |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var h in state.History)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {h.Iteration} | {SuccessFigures.Format(AgentRate.Of(h.Succeeded, h.Started, h.Iteration))} | {h.Proposed} | {h.NewProposals} | {h.Kept} | {h.Monitor} | {h.RolledBack} | {h.Blocked} | {h.NotApplicable} |\n");
        }

        sb.Append("\n## What to act on\n\n");
        var actions = FixActions.Render(state, workDir);
        sb.Append(actions.Length > 0 ? actions : "No fix was applied: nothing to undo.\n\n");

        sb.Append("## Fixes\n\n");
        if (state.Fixes.Count == 0)
        {
            sb.Append("No fix was proposed.\n");
        }

        foreach (var fix in state.Fixes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"### {fix.Id} (iteration {fix.Iteration}) — {LoopCoordinator.Status(fix.Status)}\n\n{fix.Title}. Agents: {string.Join(", ", fix.Agents)}.\n\n");
            if (fix.Reason is { Length: > 0 } reason)
            {
                sb.Append("- evidence: ").Append(reason).Append('\n');
            }

            if (fix.SuccessBefore is not null || fix.SuccessAfter is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- tested items: {SuccessChart.Percent(fix.SuccessBefore)} → {SuccessChart.Percent(fix.SuccessAfter)}\n");
            }

            if (fix.TestReport is { } report)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- test report: [{report}]({Path.ChangeExtension(report, ".md")})\n");
            }

            if (fix.Files.Count > 0)
            {
                sb.Append("- files: ").Append(string.Join(", ", fix.Files)).Append('\n');
            }

            if (fix.StackedOn.Count > 0)
            {
                sb.Append("- applied on top of: ").Append(string.Join(", ", fix.StackedOn)).Append(" (same file; rolling those back first rolls this one back)\n");
            }

            if (fix.LessonsApplied.Count > 0)
            {
                sb.Append("- lessons applied: ").Append(string.Join(", ", fix.LessonsApplied)).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append("## Lessons learned\n\n");
        foreach (var h in state.History.Where(h => h.LessonChanges.Count > 0))
        {
            foreach (var change in h.LessonChanges)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- iteration {h.Iteration}: {change}\n");
            }
        }

        if (state.History.All(h => h.LessonChanges.Count == 0))
        {
            sb.Append("No rule changed: no measured outcome called for one.\n");
        }

        var shaped = state.Fixes.SelectMany(f => f.LessonsApplied.Select(l => (Fix: f, Lesson: l))).ToList();
        if (shaped.Count > 0)
        {
            sb.Append("\nLessons that changed a later diagnosis:\n\n");
            foreach (var (fix, lessonId) in shaped)
            {
                var learned = lessons.Find(lessonId)?.Evidence.Where(e => e.Iteration is not null && e.Iteration < fix.Iteration).Select(e => $"iteration {e.Iteration}{(e.FixId is null ? "" : ", fix " + e.FixId)}: {e.Delta}").FirstOrDefault();
                sb.Append(CultureInfo.InvariantCulture, $"- `{lessonId}` shaped **{fix.Id}** (iteration {fix.Iteration}){(learned is null ? " — a rule from the shared lessons file" : " — learned in " + learned)}\n");
            }
        }

        sb.Append("\n## What remains\n\n");
        var failing = RemainingFailures.Render(state, workDir);
        bool any = failing.Length > 0;
        sb.Append(failing);
        foreach (var (agent, rate) in final?.Agents ?? [])
        {
            if (rate.Rate is { } value && value < target)
            {
                any = true;
                sb.Append(CultureInfo.InvariantCulture, $"- {agent} succeeds {Rate(rate)}, below the {target * 100:0.#}% target (its failures are listed above).\n");
            }
        }

        foreach (var fix in state.Fixes.Where(f => f.Status is FixState.Monitor or FixState.Blocked))
        {
            any = true;
            sb.Append(CultureInfo.InvariantCulture, $"- {fix.Id} is {LoopCoordinator.Status(fix.Status)}: {fix.Reason}\n");
        }

        var lastDiagnosis = state.History.Count > 0 ? DiagnosisFiles.Read(new WorkFolder(workDir).IterationPath(state.History[^1].Iteration)) : null;
        foreach (var u in lastDiagnosis?.Uncovered ?? [])
        {
            any = true;
            sb.Append(CultureInfo.InvariantCulture, $"- no fix for {u.SignatureId} ({u.Text}): {u.Reason}\n");
        }

        if (!any)
        {
            sb.Append("Nothing measured below the target.\n");
        }

        sb.Append("\n## Where the time went\n\n").Append(Timings(state.Timings, markdown: true));
        sb.Append(CultureInfo.InvariantCulture, $"\n{decisions.Decisions.Count} decisions are recorded in `{LoopStateStore.DecisionFile}`.\n");
        return sb.ToString();
    }

    /// <summary>The phase timing split: seconds and share per phase.</summary>
    public static string Timings(PhaseTiming timings, bool markdown)
    {
        var sb = new StringBuilder();
        double total = Math.Max(timings.Total, 0.001);
        if (markdown)
        {
            sb.Append("| phase | seconds | share |\n|---|---|---|\n");
        }

        foreach (var phase in PhaseTiming.Phases.Where(timings.Seconds.ContainsKey))
        {
            double s = timings.Seconds[phase];
            sb.Append(markdown
                ? string.Create(CultureInfo.InvariantCulture, $"| {phase} | {s:0.0} | {s / total * 100:0}% |\n")
                : string.Create(CultureInfo.InvariantCulture, $"  {phase,-13} {s,7:0.0} s  {s / total * 100,3:0}%\n"));
        }

        sb.Append(markdown
            ? string.Create(CultureInfo.InvariantCulture, $"| total | {timings.Total:0.0} | 100% |\n")
            : string.Create(CultureInfo.InvariantCulture, $"  {"total",-13} {timings.Total,7:0.0} s\n"));
        return sb.ToString();
    }

    private static string Rate(AgentRate? rate) => rate is null ? "n/a"
        : SuccessFigures.Format(rate) + (rate.Ci95 is { } ci ? string.Create(CultureInfo.InvariantCulture, $" [{ci[0] * 100:0.#}–{ci[1] * 100:0.#}%]") : "");
}

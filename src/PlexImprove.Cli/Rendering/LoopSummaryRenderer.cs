using System.Globalization;
using System.Text;
using PlexImprove.Core.Commands;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Figures;
using PlexImprove.Loop.Reports;
using PlexImprove.Loop.State;

namespace PlexImprove.Cli.Rendering;

/// <summary>The end of a run on the terminal: baseline vs final per agent, the success bar chart, the phase timing split and the report's path.</summary>
public static class LoopSummaryRenderer
{
    public static string Render(LoopResult result)
    {
        var state = result.State;
        var final = state.Final ?? state.Current;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"\nRun {state.Status.ToString().ToLowerInvariant()}: {state.ExitCondition} — {state.ExitReason}\n");
        // The headline is the "all" row of the table below and the last bar of the chart: one figure, one computation.
        sb.Append(CultureInfo.InvariantCulture, $"Success of the targeted agents: baseline {SuccessFigures.Format(state.Baseline?.Overall)} → {(state.Final is null ? "now" : "final")} {SuccessFigures.Format(SuccessFigures.Latest(state))}.\n\n");
        var agents = (state.Baseline?.Agents.Keys ?? Enumerable.Empty<string>()).Union(final?.Agents.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal).ToList();
        int width = Math.Max(10, agents.Select(a => a.Length).DefaultIfEmpty(0).Max());
        sb.Append(CultureInfo.InvariantCulture, $"{"agent".PadRight(width)}  {"baseline",-22}  {"final",-22}\n");
        foreach (var agent in agents)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{agent.PadRight(width)}  {Cell(state.Baseline?.Agents.GetValueOrDefault(agent)),-22}  {Cell(final?.Agents.GetValueOrDefault(agent)),-22}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{"all".PadRight(width)}  {Cell(state.Baseline?.Overall),-22}  {Cell(final?.Overall),-22}\n\n");
        sb.Append("Success per iteration:\n").Append(SuccessChart.Terminal(state)).Append('\n');
        foreach (var fix in state.Fixes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {fix.Id,-32} iteration {fix.Iteration}  {LoopCoordinator.Status(fix.Status)}\n");
        }

        if (state.LeftFailing.Count > 0)
        {
            sb.Append("\nStill failing:\n");
            foreach (var agent in state.LeftFailing)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {agent}\n");
            }
        }

        sb.Append("\nTime per phase:\n").Append(FinalReportWriter.Timings(state.Timings, markdown: false));
        sb.Append(CultureInfo.InvariantCulture, $"\nReport: {result.ReportPath}\n");
        sb.Append(NextSteps(state, Path.GetDirectoryName(result.ReportPath)!));
        return sb.ToString();
    }

    /// <summary>The commands an admin may paste next, each runnable as printed: where the run stands, and how to undo each fix it left in place.</summary>
    public static string NextSteps(LoopState state, string workDir)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sb = new StringBuilder("\nNext steps:\n");
        sb.Append("  # the run's status, each fix's diff and how to undo it\n");
        sb.Append("  ").Append(PrintedCommand.Of("status --work " + PrintedCommand.Quote(workDir))).Append('\n');
        // Newest first: undoing them in this order never meets a later fix stacked on the one being undone.
        foreach (var fix in state.Fixes.Where(f => f.Status is FixState.Kept or FixState.Monitor).Reverse())
        {
            sb.Append(CultureInfo.InvariantCulture, $"  # to undo {fix.Id} ({LoopCoordinator.Status(fix.Status)})\n");
            foreach (var command in FixUndo.Commands(state, workDir, fix))
            {
                sb.Append("  ").Append(command).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string Cell(AgentRate? rate) => SuccessFigures.Format(rate);
}

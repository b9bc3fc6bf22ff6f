using System.Globalization;
using System.Text;
using PlexImprove.Loop.Coordination;
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
        sb.Append(CultureInfo.InvariantCulture, $"\nRun {state.Status.ToString().ToLowerInvariant()}: {state.ExitCondition} — {state.ExitReason}\n\n");
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
        return sb.ToString();
    }

    private static string Cell(AgentRate? rate) => rate is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{rate.Succeeded}/{rate.Started} = {SuccessChart.Percent(rate.Rate)}");
}

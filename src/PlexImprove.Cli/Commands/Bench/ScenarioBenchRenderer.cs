using System.Globalization;
using System.Text;
using PlexImprove.Loop.Benchmarks;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>One scenario's figures as <c>bench scenarios</c> prints them: per agent baseline → final, then the run and its verdict.</summary>
public static class ScenarioBenchRenderer
{
    public static string Render(ScenarioRun run, ScenarioVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(verdict);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"scenario {run.Scenario}\n");
        foreach (var a in run.Agents)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {a.Agent,-40} {Share(a.BaselineMatched, a.BaselineItems),16} -> {Share(a.FinalMatched, a.FinalItems),16}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  {"all",-40} {Share(run.BaselineMatched, run.BaselineItems),16} -> {Share(run.FinalMatched, run.FinalItems),16}\n");
        foreach (var (agent, why) in run.OutOfReach.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  out of reach by design: {agent} ({why}); ")
                .Append(run.DeclaredUnfixable.TryGetValue(agent, out var said) ? $"the loop declared it {said}\n" : "the loop did NOT declare it unfixable\n");
        }

        if (run.OutOfReach.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {"repairable agents",-40} {"",16}    {Share(run.ReachableMatched, run.ReachableItems),16}\n");
        }

        sb.Append(CultureInfo.InvariantCulture,
            $"  iterations {run.Iterations}, exit {run.ExitCondition ?? "none"}, loop {run.LoopTime.TotalSeconds:0.0} s, total {run.TotalTime.TotalSeconds:0.0} s (box start and both judged refreshes included)\n");
        sb.Append(verdict.Passed ? "  verdict: met\n" : $"  verdict: MISSED ({string.Join("; ", verdict.Misses)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"  run folder: {run.WorkDir}\n\n");
        return sb.ToString();
    }

    private static string Share(int matched, int items) =>
        items == 0 ? "0/0" : string.Create(CultureInfo.InvariantCulture, $"{matched}/{items} ({100.0 * matched / items:0.0}%)");
}

using System.Globalization;

namespace PlexImprove.Loop.Benchmarks;

/// <summary>A scenario's run against the target: passed, or each way it missed, in words.</summary>
public sealed record ScenarioVerdict(bool Passed, IReadOnlyList<string> Misses)
{
    /// <summary>Judges a run: the share of items the fresh refresh matched, the iterations, the loop's wall time. Pure.</summary>
    public static ScenarioVerdict Judge(ScenarioRun run, ScenarioTarget target)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(target);
        var misses = new List<string>();
        // Items of an agent the scenario says cannot be repaired from here do not count against the share; the loop
        // must instead have recognised each such agent and said so.
        if (run.ReachableItems == 0)
        {
            misses.Add("the fresh refresh judged no item of a repairable agent");
        }
        else if ((double)run.ReachableMatched / run.ReachableItems < target.MinMatchedShare)
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture,
                $"matched {run.ReachableMatched}/{run.ReachableItems} ({100.0 * run.ReachableMatched / run.ReachableItems:0.0}%) < {100 * target.MinMatchedShare:0.#}%"));
        }

        foreach (var agent in run.OutOfReach.Keys.Where(a => !run.DeclaredUnfixable.ContainsKey(a)).Order(StringComparer.Ordinal))
        {
            misses.Add($"{agent} cannot be repaired from here, but the loop did not declare it unfixable");
        }

        if (run.Iterations > target.MaxIterations)
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture, $"{run.Iterations} iterations > {target.MaxIterations}"));
        }

        if (run.LoopTime > target.MaxLoopTime)
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture, $"loop took {run.LoopTime.TotalSeconds:0.0} s > {target.MaxLoopTime.TotalSeconds:0} s"));
        }

        return new ScenarioVerdict(misses.Count == 0, misses);
    }
}

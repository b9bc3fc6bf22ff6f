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
        if (run.FinalItems == 0)
        {
            misses.Add("the fresh refresh judged no item");
        }
        else if ((double)run.FinalMatched / run.FinalItems < target.MinMatchedShare)
        {
            misses.Add(string.Create(CultureInfo.InvariantCulture,
                $"matched {run.FinalMatched}/{run.FinalItems} ({100.0 * run.FinalMatched / run.FinalItems:0.0}%) < {100 * target.MinMatchedShare:0.#}%"));
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

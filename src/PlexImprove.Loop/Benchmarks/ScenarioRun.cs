namespace PlexImprove.Loop.Benchmarks;

/// <summary>What one scenario's run measured: matches per agent, the loop's iterations and exit, and its timings.</summary>
public sealed record ScenarioRun
{
    public required string Scenario { get; init; }
    public required IReadOnlyList<AgentMatches> Agents { get; init; }

    /// <summary>Iterations the loop recorded (a last diagnosis that found nothing left is not one).</summary>
    public required int Iterations { get; init; }

    /// <summary>The loop's exit condition (<c>target</c>, <c>nothing_left</c> …), or null when it did not finish.</summary>
    public string? ExitCondition { get; init; }

    /// <summary>From the end of the baseline refresh to the end of the run (its final measurement included).</summary>
    public required TimeSpan LoopTime { get; init; }

    /// <summary>Everything: the box starting, both judged refreshes and the run.</summary>
    public required TimeSpan TotalTime { get; init; }

    /// <summary>The run folder (state, report, logs).</summary>
    public required string WorkDir { get; init; }

    /// <summary>The agents the scenario says no code change can repair, with why (its ground truth, not the loop's).</summary>
    public IReadOnlyDictionary<string, string> OutOfReach { get; init; } = new Dictionary<string, string>();

    /// <summary>The agents the loop declared unfixable, with its reason.</summary>
    public IReadOnlyDictionary<string, string> DeclaredUnfixable { get; init; } = new Dictionary<string, string>();

    public int BaselineMatched => Agents.Sum(a => a.BaselineMatched);
    public int BaselineItems => Agents.Sum(a => a.BaselineItems);
    public int FinalMatched => Agents.Sum(a => a.FinalMatched);
    public int FinalItems => Agents.Sum(a => a.FinalItems);

    /// <summary>Items matched by the fresh refresh among the agents the scenario deems repairable: what the target judges.</summary>
    public int ReachableMatched => Agents.Where(a => !OutOfReach.ContainsKey(a.Agent)).Sum(a => a.FinalMatched);

    /// <summary>Items of the agents the scenario deems repairable.</summary>
    public int ReachableItems => Agents.Where(a => !OutOfReach.ContainsKey(a.Agent)).Sum(a => a.FinalItems);
}

using PlexImprove.Loop.Coordination;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Loop.Benchmarks;

/// <summary>
/// One scenario the way a user meets it: a fresh box, a judged refresh of every item (the baseline), the demo's loop
/// with the given brain, then a fresh judged refresh of every item before the box stops. The loop itself is
/// <see cref="DemoRunner"/>'s; this adds only the two judged refreshes and the clock.
/// </summary>
public static class ScenarioBenchmark
{
    /// <summary>How each judged refresh runs: every item, 4 in flight, a minute at most per item.</summary>
    private static readonly RefreshOptions JudgedRefresh = new() { ItemTimeout = TimeSpan.FromSeconds(60), MaxInFlight = 4 };

    /// <param name="scenario">The scenario's name, as printed.</param>
    /// <param name="options">The demo run to make on the scenario; its <c>BeforeLoop</c> and <c>AfterLoop</c> are set here.</param>
    /// <param name="cancellationToken">Stops the run (the box is stopped too).</param>
    public static async Task<ScenarioRun> RunAsync(string scenario, DemoOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = TimeProvider.System;
        var start = time.GetTimestamp();
        IReadOnlyDictionary<string, (int Matched, int Items)> baseline = new Dictionary<string, (int, int)>();
        IReadOnlyDictionary<string, (int Matched, int Items)> final = new Dictionary<string, (int, int)>();
        long loopStart = 0;
        TimeSpan loopTime = default;
        var result = await DemoRunner.RunAsync(options with
        {
            BeforeLoop = async (plex, logs, ct) =>
            {
                baseline = await MatchedPerAgentAsync(plex, logs, ct).ConfigureAwait(false);
                loopStart = time.GetTimestamp();
            },
            AfterLoop = async (plex, logs, ct) =>
            {
                loopTime = time.GetElapsedTime(loopStart);
                final = await MatchedPerAgentAsync(plex, logs, ct).ConfigureAwait(false);
            },
        }, cancellationToken).ConfigureAwait(false);

        var agents = baseline.Keys.Union(final.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(a => new AgentMatches(a, baseline.GetValueOrDefault(a).Matched, baseline.GetValueOrDefault(a).Items, final.GetValueOrDefault(a).Matched, final.GetValueOrDefault(a).Items))
            .ToList();
        return new ScenarioRun
        {
            Scenario = scenario,
            Agents = agents,
            Iterations = result.State.History.Count,
            ExitCondition = result.State.ExitCondition,
            LoopTime = loopTime,
            TotalTime = time.GetElapsedTime(start),
            WorkDir = options.WorkDir,
            OutOfReach = ScenarioLoader.Load(options.ScenarioRoot).Manifest.OutOfReach ?? [],
            DeclaredUnfixable = result.State.Pursuit.Where(p => p.Value.Unfixable is not null).ToDictionary(p => p.Key, p => p.Value.Unfixable!, StringComparer.Ordinal),
        };
    }

    /// <summary>Refreshes every item of every section and counts, per agent, the items judged matched (log and Plex agree).</summary>
    private static async Task<IReadOnlyDictionary<string, (int Matched, int Items)>> MatchedPerAgentAsync(PlexClient plex, string logsDir, CancellationToken ct)
    {
        var keys = new List<string>();
        foreach (var section in await plex.GetSectionsAsync(ct).ConfigureAwait(false))
        {
            keys.AddRange((await plex.GetSectionItemsAsync(section.Key, cancellationToken: ct).ConfigureAwait(false)).Select(i => i.RatingKey));
        }

        var report = await new RefreshOutcomeJudge(plex).RunAsync(keys, JudgedRefresh, logsDir, null, ct).ConfigureAwait(false);
        return report.Items.GroupBy(i => i.Agent ?? "(no agent)", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(i => i.Outcome == RefreshOutcome.Matched), g.Count()), StringComparer.Ordinal);
    }
}

using System.Globalization;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Figures;

/// <summary>
/// The one computation behind every success figure a run prints or writes (summary, <c>status</c>, the final report,
/// the chart, the exit checks), so they agree however often the run was resumed. The rule is <see cref="Rule"/>.
/// </summary>
public static class SuccessFigures
{
    /// <summary>The counting rule, as the reports state it.</summary>
    public const string Rule =
        "Success = sessions (searches + updates) of the targeted agents that succeeded, over those that started, in the plugin logs. " +
        "The baseline is the first window; each iteration counts the lines written after its diagnosis window, " +
        "without the lines written while a fix that was then rolled back was in place (they measured code that no longer runs); " +
        "the final figure is a last refresh of every item.";

    /// <summary>
    /// The per-agent windows of an iteration's figure: for each agent of a fix rolled back in the iteration, the lines
    /// since <paramref name="since"/> without the span from the fix's write to its restore. Other agents count every line.
    /// </summary>
    public static Dictionary<string, AgentWindow> IterationWindows(DateTime? since, IEnumerable<FixRecord> fixesOfIteration, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(fixesOfIteration);
        var windows = new Dictionary<string, AgentWindow>(StringComparer.Ordinal);
        foreach (var fix in fixesOfIteration.Where(f => f.Status == FixState.RolledBack && f.AppliedAt is not null))
        {
            var undone = new LogSpan(fix.AppliedAt!.Value, fix.RolledBackAt ?? now);
            foreach (var agent in fix.Agents)
            {
                windows[agent] = (windows.GetValueOrDefault(agent) ?? new AgentWindow { Since = since }).Excluding(undone);
            }
        }

        return windows;
    }

    /// <summary>Every figure of the run in order: the baseline, each iteration, and the final measurement when there is one.</summary>
    public static IReadOnlyList<SuccessFigure> Of(LoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var figures = new List<SuccessFigure>();
        if (state.Baseline is { } baseline)
        {
            figures.Add(new SuccessFigure("baseline", baseline.Overall));
        }

        figures.AddRange(state.History.Select(h => new SuccessFigure(
            "iteration " + h.Iteration.ToString(CultureInfo.InvariantCulture), AgentRate.Of(h.Succeeded, h.Started, h.Iteration))));
        if (state.Final is { } final)
        {
            figures.Add(new SuccessFigure("final", final.Overall));
        }

        return figures;
    }

    /// <summary>The latest figure: the final measurement, else the last iteration's snapshot (each agent as last measured).</summary>
    public static AgentRate? Latest(LoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (state.Final ?? state.Current)?.Overall;
    }

    /// <summary><c>succeeded/started = rate%</c>, the one way a figure is written.</summary>
    public static string Format(AgentRate? rate) =>
        rate is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{rate.Succeeded}/{rate.Started} = {Percent(rate.Rate)}");

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";
}

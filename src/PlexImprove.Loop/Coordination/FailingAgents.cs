using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// Every agent failing at baseline is pursued: it stays in scope until its sessions all succeed or a diagnosis on
/// fresh sessions finds nothing that applies (then it is declared unfixable, with the reason). When the run ends,
/// every agent still failing is named with why.
/// </summary>
public static class FailingAgents
{
    /// <summary>Starts pursuing every agent the baseline saw failing (idempotent; a state saved before pursuit gets it from its baseline).</summary>
    public static void Track(LoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var (agent, rate) in state.Baseline?.Agents ?? [])
        {
            if (rate.Started > rate.Succeeded && !state.Pursuit.ContainsKey(agent))
            {
                state.Pursuit[agent] = new AgentPursuit { Baseline = rate };
            }
        }
    }

    /// <summary>Pursued agents neither fixed nor declared unfixable, in name order.</summary>
    public static IReadOnlyList<string> Pursued(LoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Pursuit.Where(p => p.Value.Unfixable is null && !IsFixed(state, p.Key)).Select(p => p.Key)];
    }

    /// <summary>Whether the agent's last measured sessions all succeeded.</summary>
    public static bool IsFixed(LoopState state, string agent)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rate = (state.Final ?? state.Current)?.Agents.GetValueOrDefault(agent);
        return rate is { Started: > 0 } && rate.Succeeded == rate.Started && rate.MeasuredIn > 0;
    }

    /// <summary>Pursued agents with no session in <paramref name="window"/>: nothing fresh to diagnose them on.</summary>
    public static IReadOnlyList<string> WithoutFreshSessions(LoopState state, MetricsDocument window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return [.. Pursued(state).Where(a => !window.Agents.TryGetValue(a, out var c) || c.Started == 0)];
    }

    /// <summary>Records that this iteration's diagnosis saw fresh sessions of each pursued agent in <paramref name="window"/>.</summary>
    public static void MarkDiagnosed(LoopState state, MetricsDocument window, int iteration)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(window);
        foreach (var agent in Pursued(state))
        {
            if (window.Agents.TryGetValue(agent, out var c) && c.Started > 0)
            {
                state.Pursuit[agent].DiagnosedFreshIn = iteration;
            }
        }
    }

    /// <summary>
    /// The diagnosis proposed nothing that applies: each agent still pursued is declared unfixable, with what the
    /// diagnosis saw (fresh sessions and what became of its proposals) or why it had nothing fresh to look at.
    /// </summary>
    /// <returns>The agents declared, each with its reason.</returns>
    public static IReadOnlyList<AgentLeftFailing> DeclareUnfixable(LoopState state, MetricsDocument window, IReadOnlyList<FixRecord> proposals, int iteration)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(proposals);
        var declared = new List<AgentLeftFailing>();
        foreach (var agent in Pursued(state))
        {
            var pursuit = state.Pursuit[agent];
            var counts = window.Agents.GetValueOrDefault(agent);
            string reason;
            if (pursuit.DiagnosedFreshIn == iteration && counts is not null)
            {
                var own = proposals.Where(f => f.Agents.Any(a => SameAgent(a, agent))).ToList();
                reason = $"diagnosed in iteration {iteration} on {counts.Started} fresh session(s), {counts.Started - counts.Succeeded} failed; " +
                         (own.Count == 0
                             ? "no rule or model proposed a fix for its failures"
                             : "nothing proposed applies: " + string.Join("; ", own.Select(f => $"{f.Id} — {f.Reason ?? LoopCoordinator.Status(f.Status)}")));
            }
            else
            {
                reason = pursuit.RefreshedIn == iteration
                    ? $"no fresh session even after refreshing {pursuit.RefreshedItems} of its failed item(s) in iteration {iteration}"
                    : "no fresh session to diagnose it on, and none of its failed items could be refreshed (no ratingKey in its logs)";
            }

            pursuit.Unfixable = reason;
            var rate = (state.Current ?? state.Baseline)?.Agents.GetValueOrDefault(agent) ?? pursuit.Baseline;
            declared.Add(new AgentLeftFailing { Agent = agent, Succeeded = rate.Succeeded, Started = rate.Started, Why = "unfixable: " + reason });
        }

        return declared;
    }

    /// <summary>
    /// The diagnosis recognised agents whose failures no offline change can cure (a challenge page, a login wall, a site
    /// gone): each one still pursued is declared unfixable at once with that reason, so no later iteration retries it.
    /// </summary>
    /// <returns>The agents declared now, each with its reason.</returns>
    public static IReadOnlyList<AgentLeftFailing> DeclareOutOfReach(LoopState state, IReadOnlyList<OutOfReachAgent> outOfReach, int iteration)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outOfReach);
        var declared = new List<AgentLeftFailing>();
        foreach (var agent in Pursued(state))
        {
            if (outOfReach.FirstOrDefault(o => SameAgent(o.Agent, agent)) is not { } found)
            {
                continue;
            }

            var pursuit = state.Pursuit[agent];
            pursuit.Unfixable = $"not fixable offline (diagnosed in iteration {iteration}): {found.Reason}";
            var rate = (state.Current ?? state.Baseline)?.Agents.GetValueOrDefault(agent) ?? pursuit.Baseline;
            declared.Add(new AgentLeftFailing { Agent = agent, Succeeded = rate.Succeeded, Started = rate.Started, Why = "unfixable: " + pursuit.Unfixable });
        }

        return declared;
    }

    /// <summary>Every agent still failing at the end of the run (pursued or not), with why the run left it.</summary>
    public static List<AgentLeftFailing> LeftFailing(LoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var last = state.Final ?? state.Current ?? state.Baseline;
        var failing = new SortedDictionary<string, AgentRate>(StringComparer.Ordinal);
        foreach (var (agent, rate) in last?.Agents ?? [])
        {
            if (rate.Started > rate.Succeeded)
            {
                failing[agent] = rate;
            }
        }

        foreach (var (agent, pursuit) in state.Pursuit)
        {
            if (!failing.ContainsKey(agent) && !IsFixed(state, agent))
            {
                failing[agent] = last?.Agents.GetValueOrDefault(agent) ?? pursuit.Baseline;
            }
        }

        return [.. failing.Select(f => new AgentLeftFailing { Agent = f.Key, Succeeded = f.Value.Succeeded, Started = f.Value.Started, Why = Why(state, f.Key) })];
    }

    private static string Why(LoopState state, string agent)
    {
        var pursuit = state.Pursuit.GetValueOrDefault(agent);
        if (pursuit?.Unfixable is { } unfixable)
        {
            return "unfixable: " + unfixable;
        }

        var fixes = state.Fixes.Where(f => f.Agents.Any(a => SameAgent(a, agent))).ToList();
        var tried = fixes.LastOrDefault(f => f.Status is not FixState.NotApplicable and not FixState.Pending);
        var waiting = fixes.FirstOrDefault(f => f.Status == FixState.Pending);
        string ended = $"the run ended ({state.ExitCondition ?? "stopped"})";
        if (waiting is not null)
        {
            return $"{ended} before its fix {waiting.Id} was tried";
        }

        if (tried is not null)
        {
            return tried.Status switch
            {
                FixState.Kept => $"its fix {tried.Id} was kept, yet sessions still fail in the last measurement; {ended}",
                FixState.Monitor => $"its fix {tried.Id} is under watch (monitor): {tried.Reason}",
                FixState.RolledBack => $"its fix {tried.Id} was rolled back: {tried.Reason}; {ended}",
                _ => $"its fix {tried.Id} was blocked: {tried.Reason}; {ended}",
            };
        }

        if (pursuit is null)
        {
            return $"it began failing after the baseline; {ended}";
        }

        return fixes.Count == 0
            ? $"no fix was proposed for it{(pursuit.DiagnosedFreshIn is { } i ? $" (last diagnosed on fresh sessions in iteration {i})" : " (never diagnosed on fresh sessions)")}; {ended}"
            : $"every fix proposed for it was not applicable ({string.Join("; ", fixes.Select(f => $"{f.Id}: {f.Reason}"))}); {ended}";
    }

    /// <summary>A fix names an agent by its full identifier or its last part (<c>com.plexapp.agents.AEBN</c> or <c>AEBN</c>).</summary>
    public static bool SameAgent(string named, string agent) =>
        string.Equals(named, agent, StringComparison.Ordinal) || agent.EndsWith("." + named, StringComparison.OrdinalIgnoreCase);
}

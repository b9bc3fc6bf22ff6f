using System.Globalization;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Errors;
using PlexImprove.Core.IO;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.State;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Loop.Coordination.Phases;

/// <summary>
/// Phase 1: measures the window since the previous iteration, each agent a fix changed or restored on the lines that
/// reflect its current code; a pursued agent with no session there gets its failed items refreshed first.
/// In: the state's windows. Out: the iteration's metrics and digest, the baseline on the first pass.
/// </summary>
internal sealed class AggregatePhase(RunContext run)
{
    private readonly RunContext _run = run;

    /// <summary>Aggregates the iteration's window into <c>metrics.json</c> and <c>aggregated_logs.md</c>; the first one is the baseline.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _run.Observe(LoopPhase.Aggregate, _run.State.WindowEnd is { } since ? $"logs since {since:yyyy-MM-dd HH:mm:ss}" : "all logs");
        var until = _run.Now().AddMilliseconds(1);
        _run.State.IterationWindowStart = _run.State.WindowEnd;
        var windows = AgentWindowsForThisIteration();
        var result = _run.AggregateWindow(_run.State.IterationWindowStart, until, windows, ct);
        if (_run.State.Baseline is not null && await RefreshStaleAgentsAsync(result.Metrics, ct).ConfigureAwait(false))
        {
            until = _run.Now().AddMilliseconds(1);
            result = _run.AggregateWindow(_run.State.IterationWindowStart, until, windows, ct);
        }

        if (_run.State.Iteration == 1 && result.Metrics.Totals.Started == 0)
        {
            if (result.Metrics.Files.Count == 0 || result.Metrics.Files.All(f => f.Records == 0))
            {
                throw new InvalidInputException(
                    $"'{_run.Options.LogsDir}' holds no Framework log records{(_run.Options.Agents.Count > 0 ? " for " + string.Join(", ", _run.Options.Agents) : "")}: expected the 'PMS Plugin Logs' folder with com.plexapp.agents.*.log files. Pass --logs or set Plex:LogsDir.");
            }

            throw new InvalidInputException($"The logs in '{_run.Options.LogsDir}' show no agent search or update to measure; refresh some items in Plex first, or choose the agents with --agent.");
        }

        Directory.CreateDirectory(_run.IterationDir);
        AtomicFile.WriteAllText(_run.Work.MetricsPath(_run.State.Iteration), MetricsJson.Serialize(result.Metrics));
        AtomicFile.WriteAllText(_run.Work.DigestPath(_run.State.Iteration), DigestWriter.Write(result.Metrics));
        _run.State.WindowEnd = until;
        _run.State.IterationWindowEnd = until;
        _run.State.IterationWindows = windows;
        _run.State.NextWindows.Clear();
        if (_run.State.Baseline is null)
        {
            _run.State.Baseline = new MetricsSnapshot().With(result.Metrics, 0, _run.State.Agents);
            _run.State.Current = _run.State.Baseline;
        }

        FailingAgents.Track(_run.State);

        _run.Decide("aggregate", "measure", $"{result.Metrics.Totals.Started} sessions in the window, {result.Metrics.Totals.Succeeded} succeeded; {result.Metrics.Signatures.Count} signature(s).{DescribeOwnWindows(windows)}",
            inputs: [result.Metrics.Window.Since?.ToString("s", CultureInfo.InvariantCulture) ?? "start of logs", until.ToString("s", CultureInfo.InvariantCulture)]);
    }

    /// <summary>
    /// A pursued agent whose window holds no session (nothing refreshed it since its last change) gets its failed
    /// items refreshed, so it is diagnosed on what its code does now, not skipped for lack of evidence.
    /// </summary>
    /// <returns>Whether anything was refreshed (the window must be read again).</returns>
    private async Task<bool> RefreshStaleAgentsAsync(MetricsDocument window, CancellationToken ct)
    {
        var stale = FailingAgents.WithoutFreshSessions(_run.State, window);
        if (stale.Count == 0 || _run.Options.DryRun || _run.Services.Plex is null)
        {
            return false;
        }

        var sessions = _run.Services.Aggregator.Aggregate(
            new AggregationRequest { LogsDir = _run.ArchivedLogs(ct), Until = _run.Now().AddMilliseconds(1), Agents = stale, CollectSessions = true },
            cancellationToken: ct).Sessions;
        var keys = new List<string>();
        foreach (var agent in stale)
        {
            var failed = ItemSelector.Select([.. sessions.Where(s => s.Agent == agent)], _run.Options.FailedItems, 0).Failed;
            _run.State.Pursuit[agent].RefreshedIn = _run.State.Iteration;
            _run.State.Pursuit[agent].RefreshedItems = failed.Count;
            keys.AddRange(failed.Select(f => f.RatingKey));
            _run.Decide("aggregate", "refresh failing", failed.Count == 0
                ? $"{agent} failed at baseline and has no session in this iteration's window, but no failed item of it has a ratingKey to refresh."
                : $"{agent} failed at baseline and has no session in this iteration's window: refreshing its {failed.Count} most recent failed item(s) so it is diagnosed on fresh sessions.",
                inputs: [.. failed.Select(f => f.RatingKey)]);
        }

        if (keys.Count == 0)
        {
            return false;
        }

        _run.Observe(LoopPhase.Aggregate, $"refreshing {keys.Count} failed item(s) of {string.Join(", ", stale)}: no fresh session to diagnose on");
        await new RefreshBatch(_run.Services.Plex, _run.Options.Refresh).RunAsync(keys.Distinct(StringComparer.Ordinal).ToList(), _run.Progress, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Each agent is diagnosed and tested on the lines that reflect the code it runs now. An agent the run never
    /// changed: the iteration's new lines. An agent with a kept fix: the lines since that fix's test began. An agent
    /// whose fix was rolled back: the window it was diagnosed on before, without the lines of the undone change (the
    /// new lines alone would show the rolled-back code's failures, not its own). Unchanged agents keep their window.
    /// </summary>
    private Dictionary<string, AgentWindow> AgentWindowsForThisIteration()
    {
        var windows = new Dictionary<string, AgentWindow>(_run.State.IterationWindows, StringComparer.Ordinal);
        foreach (var (agent, window) in _run.State.NextWindows)
        {
            windows[agent] = window;
        }

        return windows;
    }

    private static string DescribeOwnWindows(IReadOnlyDictionary<string, AgentWindow> windows) =>
        windows.Count == 0
            ? ""
            : " Measured on their own window, the lines that reflect their current code: " + string.Join("; ", windows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w =>
                $"{w.Key} since {w.Value.Since?.ToString("s", CultureInfo.InvariantCulture) ?? "the start of the logs"}" +
                (w.Value.Excluded.Count == 0 ? "" : $" without {w.Value.Excluded.Count} rolled-back span(s)"))) + ".";
}

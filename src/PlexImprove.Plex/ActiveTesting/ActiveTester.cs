using PlexImprove.Core.Comparison;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Signatures;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Models;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Plex.ActiveTesting;

/// <summary>
/// Phase 4: refreshes exactly the items that failed in the baseline (plus controls that succeeded), waits
/// until Plex has really finished, and judges every item twice — from the plugin log (the Phase 1 engine on
/// all rotations, inside the test window) and from Plex itself (<c>updatedAt</c> advanced, title, year,
/// summary and a guid of the agent present). An item succeeds only when both agree, so a fix that merely
/// hides error lines cannot pass. Then compares with the baseline and decides.
/// </summary>
public sealed class ActiveTester
{
    private readonly PlexClient _client;
    private readonly LogAggregator _aggregator;
    private readonly TimeProvider _time;

    public ActiveTester(PlexClient client, LogAggregator? aggregator = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _aggregator = aggregator ?? new LogAggregator();
        _time = time ?? client.TimeProvider;
    }

    /// <summary>Runs the test and returns its report (not yet written; see <see cref="TestReportWriter"/>).</summary>
    public async Task<TestReport> RunAsync(ActiveTestRequest request, IProgress<RefreshProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Thresholds.Validate();
        string logsDir = request.Archive?.Sync(cancellationToken) ?? request.LogsDir ?? request.Baseline.LogsDir;
        var notes = new List<string>();

        // 1. The baseline window again, now with sessions (a restart may have rolled it into .log.1).
        var window = request.Baseline.Window;
        var baselineWindow = new AggregationWindow
        {
            Since = window.Since ?? window.FirstRecord,
            Until = window.Until ?? window.LastRecord?.AddMilliseconds(1),
            Agents = window.Agents,
        };
        var baseline = _aggregator.Aggregate(new AggregationRequest
        {
            LogsDir = logsDir,
            Since = baselineWindow.Since,
            Until = baselineWindow.Until,
            AgentWindows = window.Agents ?? new Dictionary<string, AgentWindow>(),
            Agents = [.. request.Agents.Concat(ControlAgentsWithLogs(logsDir, request.ControlAgents)).Distinct(StringComparer.Ordinal)],
            CollectSessions = true,
        }, cancellationToken: cancellationToken);
        var agents = baseline.Metrics.Agents.Keys.ToList();

        // Failed items come from the agents under test only; controls from every agent the fix changed.
        var tested = baseline.Sessions.Where(s => request.Agents.Any(a => NamesAgent(a, s.Agent))).ToList();
        var failedPick = ItemSelector.Select(tested, request.FailedItems, 0);
        var controlPick = ItemSelector.Select(baseline.Sessions, 0, request.ControlItems);
        var selection = new ItemSelection
        {
            Failed = failedPick.Failed,
            Controls = controlPick.Controls,
            FailedAvailable = failedPick.FailedAvailable,
            ControlsAvailable = controlPick.ControlsAvailable,
        };
        if (selection.Failed.Count == 0)
        {
            throw new InvalidInputException(
                $"The baseline has no failed session with a ratingKey for {string.Join(", ", agents)} in {logsDir} " +
                $"({Describe(baselineWindow)}): there is nothing for this fix to repair. Check --agent and --baseline.");
        }

        if (selection.FailedAvailable > selection.Failed.Count)
        {
            notes.Add($"The baseline has {selection.FailedAvailable} failed items; the {selection.Failed.Count} most recent were tested (Test:FailedItems / --items).");
        }

        if (selection.Controls.Count < request.ControlItems)
        {
            notes.Add(
                $"Only {selection.Controls.Count} control item(s) succeeded in the baseline of {string.Join(", ", agents)} (asked for {request.ControlItems}). " +
                (selection.Controls.Count == 0
                    ? "Nothing shows whether the fix breaks items that worked: the decision rests on the failed items alone, so treat a KEEP as MONITOR and watch the next aggregate."
                    : "A break of items that worked may go unseen: read a KEEP with that in mind and watch the next aggregate."));
        }

        // 2. Refresh and wait; the test window starts before the first request.
        var testStart = Truncate(_time.GetLocalNow().DateTime);
        var selected = selection.All.ToList();
        var batch = await new RefreshBatch(_client, request.Refresh)
            .RunAsync(selected.Select(i => i.RatingKey).ToList(), progress, cancellationToken).ConfigureAwait(false);
        notes.AddRange(batch.Notes);
        var testEnd = Truncate(_time.GetLocalNow().DateTime).AddMilliseconds(1);

        // 3. Judge from the log.
        request.Archive?.Sync(cancellationToken);
        var after = _aggregator.Aggregate(new AggregationRequest
        {
            LogsDir = logsDir,
            Since = testStart,
            Until = testEnd,
            Agents = agents,
            CollectSessions = true,
        }, cancellationToken: cancellationToken);
        var sessionsByItem = after.Sessions
            .Where(s => s.RatingKey is not null)
            .ToLookup(s => s.RatingKey!, StringComparer.Ordinal);

        // 4. Judge from Plex, and combine.
        var refreshes = batch.Items.ToDictionary(r => r.RatingKey, StringComparer.Ordinal);
        var verdicts = new List<ItemVerdict>();
        foreach (var item in selected)
        {
            var refresh = refreshes[item.RatingKey];
            var logOutcome = refresh.Status switch
            {
                RefreshStatus.NotFound => ItemOutcome.NotFound,
                RefreshStatus.Failed => ItemOutcome.RefreshFailed,
                RefreshStatus.TimedOut => ItemOutcome.TimedOut,
                _ => JudgeLog(sessionsByItem[item.RatingKey]),
            };
            PlexItemCheck? check = null;
            string? title = refresh.Title;
            if (logOutcome == ItemOutcome.Succeeded)
            {
                var reread = await _client.GetItemAsync(item.RatingKey, cancellationToken).ConfigureAwait(false);
                check = reread is null ? null : CheckPlex(reread, refresh.UpdatedAtBefore, agents);
                title = reread?.Title ?? title;
            }

            var (outcome, reason) = ItemVerdict.Judge(logOutcome, check);
            verdicts.Add(new ItemVerdict
            {
                RatingKey = item.RatingKey,
                Title = title,
                Role = item.Role,
                BaselineSucceeded = item.Role == ItemRole.Control,
                LogOutcome = logOutcome,
                Plex = check,
                Outcome = outcome,
                Reason = outcome == ItemOutcome.RefreshFailed && refresh.Error is { } error ? reason + " " + error : reason,
            });
        }

        var unknown = verdicts.Where(v => v.Outcome == ItemOutcome.NotFound).Select(v => v.RatingKey).ToList();
        if (unknown.Count > 0)
        {
            notes.Add($"Plex does not know {unknown.Count} ratingKey(s) from the baseline (left out of the rates): {string.Join(", ", unknown)}.");
        }

        // 5. Load failures: from the restart, and any agent whose latest start failed.
        var loadFailures = request.LoadFailures.ToList();
        foreach (var agent in agents)
        {
            if (PluginLoadChecker.LatestStart(logsDir, agent, null) is { Status: PluginLoadStatus.LoadFailed } failed)
            {
                loadFailures.Add($"{agent}: {failed.Detail}");
            }
        }

        var comparison = MetricComparer.Compare(new ComparisonInput
        {
            Items = verdicts,
            BaselineCounts = baseline.Metrics.Totals,
            AfterCounts = after.Metrics.Totals,
            BaselineSignatures = ForAgents(baseline.Metrics.Signatures, agents),
            AfterSignatures = ForAgents(after.Metrics.Signatures, agents),
            LoadFailures = loadFailures.Distinct(StringComparer.Ordinal).ToList(),
        }, request.Thresholds);

        return new TestReport
        {
            FixId = request.FixId,
            Agents = agents,
            PlexUrl = _client.Redactor.Redact(_client.BaseUrl.ToString()) ?? "",
            BaselineWindow = baselineWindow,
            TestWindow = new AggregationWindow { Since = testStart, Until = testEnd, FirstRecord = after.Metrics.Window.FirstRecord, LastRecord = after.Metrics.Window.LastRecord },
            Items = verdicts,
            Comparison = comparison,
            Notes = notes.Select(n => _client.Redactor.Redact(n) ?? "").ToList(),
        };
    }

    /// <summary>What the plugin log says about one item's sessions in the test window.</summary>
    public static ItemOutcome JudgeLog(IEnumerable<AgentSession> sessions)
    {
        var list = sessions.ToList();
        if (list.Count == 0)
        {
            return ItemOutcome.NoSession;
        }

        if (list.Any(s => s.Outcome == SessionOutcome.Crashed))
        {
            return ItemOutcome.Crashed;
        }

        if (list.Any(s => s.Outcome == SessionOutcome.Failed))
        {
            return ItemOutcome.Failed;
        }

        return list.Any(s => s.Outcome == SessionOutcome.Unfinished) ? ItemOutcome.Unfinished : ItemOutcome.Succeeded;
    }

    /// <summary>What Plex shows for an item after its refresh: the fields a match fills.</summary>
    public static PlexItemCheck CheckPlex(PlexItem item, long? updatedAtBefore, IReadOnlyCollection<string> agents)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(agents);
        return new PlexItemCheck
        {
            UpdatedAtAdvanced = item.UpdatedAt is { } updated && (updatedAtBefore is not { } before || updated > before),
            HasTitle = !string.IsNullOrWhiteSpace(item.Title),
            HasYear = item.Year is > 0,
            HasSummary = !string.IsNullOrWhiteSpace(item.Summary),
            HasAgentGuid = agents.Any(item.HasGuidOf),
        };
    }

    private static List<SignatureSummary> ForAgents(IReadOnlyList<SignatureSummary> signatures, IReadOnlyList<string> agents) =>
        signatures.Where(s => s.Agents.Any(a => agents.Contains(a, StringComparer.Ordinal))).ToList();

    private static bool NamesAgent(string wanted, string agent) =>
        string.Equals(agent, wanted, StringComparison.Ordinal) || agent.EndsWith("." + wanted, StringComparison.OrdinalIgnoreCase);

    // An agent the fix changed may have no log yet; asking the aggregator for it would be an error.
    private static IEnumerable<string> ControlAgentsWithLogs(string logsDir, IReadOnlyList<string> controlAgents)
    {
        if (controlAgents.Count == 0)
        {
            return [];
        }

        var available = PluginLogFolder.Open(logsDir).Agents;
        return controlAgents.Where(c => available.Any(a => NamesAgent(c, a)));
    }

    private static DateTime Truncate(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), time.Kind);

    private static string Describe(AggregationWindow window) =>
        $"{window.Since?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "start"} → {window.Until?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "end"}";
}

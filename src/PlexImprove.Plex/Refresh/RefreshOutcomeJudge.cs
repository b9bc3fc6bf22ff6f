using PlexImprove.Core.Comparison;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Errors;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Plex.Refresh;

/// <summary>
/// Refresh with outcome (tool <c>plex_refresh_items</c> with waiting): Plex saying a refresh finished tells
/// nothing about the agent, which the Framework lets fail silently. So after the batch, each item is judged from
/// its session in the plugin log (inside the refresh's window) and from what Plex shows now: matched, failed with
/// the failure's signature, crashed, plugin not loaded, or timed out.
/// </summary>
public sealed class RefreshOutcomeJudge
{
    private readonly PlexClient _client;
    private readonly LogAggregator _aggregator;
    private readonly TimeProvider _time;

    public RefreshOutcomeJudge(PlexClient client, LogAggregator? aggregator = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _aggregator = aggregator ?? new LogAggregator();
        _time = time ?? client.TimeProvider;
    }

    /// <summary>Refreshes <paramref name="ratingKeys"/> and, when <see cref="RefreshOptions.Wait"/>, judges each item.</summary>
    /// <param name="ratingKeys">The items to refresh.</param>
    /// <param name="options">How to refresh and wait.</param>
    /// <param name="logsDir">The <c>PMS Plugin Logs</c> folder; when it does not exist, items are judged from Plex alone (with a note).</param>
    /// <param name="progress">Receives one report per finished refresh.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    public async Task<RefreshOutcomeReport> RunAsync(
        IReadOnlyList<string> ratingKeys, RefreshOptions options, string? logsDir,
        IProgress<RefreshProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = Truncate(_time.GetLocalNow().DateTime);
        var batch = await new RefreshBatch(_client, options).RunAsync(ratingKeys, progress, cancellationToken).ConfigureAwait(false);
        var end = Truncate(_time.GetLocalNow().DateTime).AddMilliseconds(1);
        var notes = batch.Notes.ToList();
        if (!options.Wait)
        {
            return new RefreshOutcomeReport
            {
                Items = [.. batch.Items.Select(r => Outcome(r, FromRefresh(r), null, null))],
                Notes = notes,
            };
        }

        bool haveLogs = !string.IsNullOrWhiteSpace(logsDir) && Directory.Exists(logsDir);
        AggregationResult? after = null;
        if (haveLogs && PluginLogFolder.Open(logsDir!).Files.Count > 0)
        {
            after = _aggregator.Aggregate(new AggregationRequest { LogsDir = logsDir!, Since = start, Until = end, CollectSessions = true }, cancellationToken: cancellationToken);
        }
        else
        {
            notes.Add($"No plugin logs at '{logsDir}': Plex finishing a refresh says nothing about the agent; set Plex:LogsDir or --logs to see each item's outcome.");
        }

        var sessions = (after?.Sessions ?? []).Where(s => s.RatingKey is not null).ToLookup(s => s.RatingKey!, StringComparer.Ordinal);
        var signatures = (after?.Metrics.Signatures ?? []).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var sectionAgents = haveLogs ? await SectionAgentsAsync(cancellationToken).ConfigureAwait(false) : [];
        var loadFailures = new Dictionary<string, PluginLoadResult?>(StringComparer.Ordinal);

        var items = new List<ItemRefreshOutcome>();
        foreach (var refresh in batch.Items)
        {
            var early = FromRefresh(refresh);
            if (early is not null)
            {
                items.Add(Outcome(refresh, early, null, null));
                continue;
            }

            var reread = await _client.GetItemAsync(refresh.RatingKey, cancellationToken).ConfigureAwait(false);
            var itemSessions = sessions[refresh.RatingKey].ToList();
            string? agent = reread?.LibrarySectionId is { } section && sectionAgents.TryGetValue(section, out var a) ? a : itemSessions.FirstOrDefault()?.Agent;
            var check = reread is null ? null : ActiveTester.CheckPlex(reread, refresh.UpdatedAtBefore, agent is null ? [] : [agent]);
            var judged = Judge(haveLogs, itemSessions, check, signatures);
            if (judged.Outcome is RefreshOutcome.NoSession or RefreshOutcome.Unfinished && agent is not null && haveLogs
                && LoadFailure(loadFailures, logsDir!, agent) is { } failure)
            {
                judged = (RefreshOutcome.PluginNotLoaded, $"{agent} did not load its code: {failure.Detail}");
            }

            items.Add(Outcome(refresh, judged, check, agent, reread?.Title));
        }

        return new RefreshOutcomeReport { Items = items, CompletionMode = batch.CompletionMode, Notes = notes };
    }

    /// <summary>Each library section's agent; empty when the server does not list sections (the session's agent is used then).</summary>
    private async Task<Dictionary<string, string>> SectionAgentsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.GetSectionsAsync(cancellationToken).ConfigureAwait(false))
                .Where(s => !string.IsNullOrEmpty(s.Agent))
                .ToDictionary(s => s.Key, s => s.Agent!, StringComparer.Ordinal);
        }
        catch (PlexRequestFailedException)
        {
            return [];
        }
    }

    private static (RefreshOutcome Outcome, string Detail)? FromRefresh(ItemRefreshResult refresh) => refresh.Status switch
    {
        RefreshStatus.NotFound => (RefreshOutcome.NotFound, refresh.Error ?? "Plex does not know this ratingKey."),
        RefreshStatus.Failed => (RefreshOutcome.RefreshFailed, refresh.Error ?? "Plex refused the refresh request."),
        RefreshStatus.TimedOut => (RefreshOutcome.TimedOut, refresh.Error ?? "Plex did not report the refresh finished in time."),
        RefreshStatus.Requested => (RefreshOutcome.Requested, "Refresh requested; not waited for (--wait judges the outcome)."),
        _ => null,
    };

    private static (RefreshOutcome Outcome, string Detail) Judge(
        bool haveLogs, List<AgentSession> sessions, PlexItemCheck? check, Dictionary<string, Core.Signatures.SignatureSummary> signatures)
    {
        if (!haveLogs)
        {
            return (RefreshOutcome.Finished, "Plex reported the refresh finished; the agent's outcome is unknown without the plugin logs.");
        }

        var logOutcome = ActiveTester.JudgeLog(sessions);
        switch (logOutcome)
        {
            case ItemOutcome.Failed or ItemOutcome.Crashed:
                var bad = sessions.First(s => s.Outcome is SessionOutcome.Failed or SessionOutcome.Crashed);
                var signature = bad.SignatureIds.Select(id => signatures.GetValueOrDefault(id)).FirstOrDefault(s => s is not null);
                var what = signature is not null ? $"{signature.Id} {signature.Kind}: {signature.Text}" : bad.ExceptionType ?? "no signature recorded";
                return (logOutcome == ItemOutcome.Crashed ? RefreshOutcome.Crashed : RefreshOutcome.Failed, what);
            case ItemOutcome.NoSession:
                return (RefreshOutcome.NoSession, "Plex finished but the agent logged no session for the item.");
            case ItemOutcome.Unfinished:
                return (RefreshOutcome.Unfinished, "The agent's session never logged an outcome.");
        }

        var (verdict, reason) = ItemVerdict.Judge(ItemOutcome.Succeeded, check);
        return verdict == ItemOutcome.Succeeded
            ? (RefreshOutcome.Matched, "The agent logged success and Plex shows the match.")
            : (RefreshOutcome.NotMatched, reason);
    }

    private static PluginLoadResult? LoadFailure(Dictionary<string, PluginLoadResult?> cache, string logsDir, string agent)
    {
        if (!cache.TryGetValue(agent, out var result))
        {
            var latest = PluginLoadChecker.LatestStart(logsDir, agent, null);
            cache[agent] = result = latest is { Status: PluginLoadStatus.LoadFailed } ? latest : null;
        }

        return result;
    }

    private static ItemRefreshOutcome Outcome(
        ItemRefreshResult refresh, (RefreshOutcome Outcome, string Detail)? judged, PlexItemCheck? check, string? agent, string? title = null) => new()
        {
            RatingKey = refresh.RatingKey,
            Title = title ?? refresh.Title,
            Agent = agent,
            Outcome = judged!.Value.Outcome,
            Detail = judged.Value.Detail,
            Plex = check,
            Refresh = refresh,
        };

    private static DateTime Truncate(DateTime time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerMillisecond), time.Kind);
}

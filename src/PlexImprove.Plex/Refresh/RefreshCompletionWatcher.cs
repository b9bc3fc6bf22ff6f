using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Models;

namespace PlexImprove.Plex.Refresh;

/// <summary>
/// Learns when Plex finishes refreshing items: from websocket notifications (activity
/// <c>library.refresh.items</c> ended for <c>/library/metadata/&lt;rk&gt;</c>, or a timeline entry with
/// <c>state == 5</c>), or, when the websocket is refused or drops, by polling <c>/activities</c> and the
/// item's <c>updatedAt</c>. The switch to polling is noted once.
/// </summary>
public sealed class RefreshCompletionWatcher : IAsyncDisposable
{
    private const string MetadataPrefix = "/library/metadata/";
    private const int TimelineProcessed = 5;

    private readonly PlexClient _client;
    private readonly RefreshOptions _options;
    private readonly ConcurrentDictionary<string, List<PendingRefresh>> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _notes = [];
    private readonly Lock _sync = new();
    private ClientWebSocket? _socket;
    private Task? _loop;
    private Task? _pollLoop;
    private PeriodicTimer? _pollTimer;

    private RefreshCompletionWatcher(PlexClient client, RefreshOptions options)
    {
        _client = client;
        _options = options;
    }

    /// <summary>How completion is being detected right now.</summary>
    public CompletionMode Mode { get; private set; }

    /// <summary>Notes for the report (each said once).</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_sync)
            {
                return [.. _notes];
            }
        }
    }

    /// <summary>Connects the websocket, or starts polling when it is refused.</summary>
    public static async Task<RefreshCompletionWatcher> StartAsync(PlexClient client, RefreshOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var watcher = new RefreshCompletionWatcher(client, options);
        if (options.UseWebSocket)
        {
            try
            {
                watcher._socket = await client.ConnectNotificationsAsync(cancellationToken).ConfigureAwait(false);
                watcher.Mode = CompletionMode.WebSocket;
                watcher._loop = Task.Run(() => watcher.ReceiveLoopAsync(watcher._stop.Token), CancellationToken.None);

                // A slow safety net: a server that never sends the notification we expect still ends by updatedAt.
                watcher.StartPollLoop(SafetyNetPeriod(options.PollInterval));
                return watcher;
            }
            catch (PlexImproveException e)
            {
                watcher.Note($"Websocket notifications unavailable ({e.Message}); polling /activities and updatedAt every {options.PollInterval.TotalMilliseconds:0} ms instead.");
            }
        }
        else
        {
            watcher.Note("Websocket disabled; polling /activities and updatedAt.");
        }

        watcher.StartPolling();
        return watcher;
    }

    /// <summary>Starts watching one item; call before requesting its refresh.</summary>
    public PendingRefresh Watch(string ratingKey, long? updatedAtBefore)
    {
        var pending = new PendingRefresh(ratingKey, updatedAtBefore, Unregister);
        var list = _pending.GetOrAdd(ratingKey, _ => []);
        lock (list)
        {
            list.Add(pending);
        }

        return pending;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_socket is { State: WebSocketState.Open })
        {
            try
            {
                using var close = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", close.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server went away first; nothing left to close.
            }
        }

        foreach (var task in new[] { _loop, _pollLoop })
        {
            if (task is not null)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _socket?.Dispose();
        _stop.Dispose();
    }

    private void Unregister(PendingRefresh pending)
    {
        if (_pending.TryGetValue(pending.RatingKey, out var list))
        {
            lock (list)
            {
                list.Remove(pending);
            }
        }
    }

    private void Note(string note)
    {
        lock (_sync)
        {
            if (!_notes.Contains(note))
            {
                _notes.Add(note);
            }
        }
    }

    private void Complete(string ratingKey, string source)
    {
        if (!_pending.TryGetValue(ratingKey, out var list))
        {
            return;
        }

        var signal = new CompletionSignal(source, _client.TimeProvider.GetTimestamp());
        lock (list)
        {
            foreach (var pending in list)
            {
                pending.TryComplete(signal);
            }
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!cancellationToken.IsCancellationRequested && _socket!.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Handled below: a drop while items are pending switches to polling.
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            Note("The notifications websocket closed; polling /activities and updatedAt for the remaining items.");
            StartPolling();
        }
    }

    /// <summary>Reads one notification; anything unexpected is ignored (Plex sends many other kinds).</summary>
    internal void Dispatch(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (!document.RootElement.TryGetProperty("NotificationContainer", out var container))
            {
                return;
            }

            if (container.TryGetProperty("ActivitySessionNotification", out var activities) && activities.ValueKind == JsonValueKind.Array)
            {
                foreach (var notification in activities.EnumerateArray())
                {
                    if (Text(notification, "event") == "ended"
                        && notification.TryGetProperty("Activity", out var activity)
                        && Text(activity, "type") == PlexActivity.RefreshItemsType
                        && activity.TryGetProperty("Context", out var context)
                        && RatingKeyOf(Text(context, "key")) is { } rk)
                    {
                        Complete(rk, "websocket activity ended");
                    }
                }
            }

            if (container.TryGetProperty("TimelineEntry", out var timeline) && timeline.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in timeline.EnumerateArray())
                {
                    if (entry.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Number
                        && state.GetInt32() == TimelineProcessed && Text(entry, "itemID") is { } rk)
                    {
                        Complete(rk, "websocket timeline state 5");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a notification we understand.
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static string? RatingKeyOf(string? key) =>
        key is not null && key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && key.Length > MetadataPrefix.Length
            ? key[MetadataPrefix.Length..].Split('/')[0]
            : null;

    /// <summary>Polling period while the websocket is healthy: 4× the polling interval, at least 2 s.</summary>
    internal static TimeSpan SafetyNetPeriod(TimeSpan pollInterval) =>
        TimeSpan.FromTicks(Math.Max(pollInterval.Ticks * 4, TimeSpan.FromSeconds(2).Ticks));

    private void StartPolling()
    {
        lock (_sync)
        {
            Mode = CompletionMode.Polling;
            StartPollLoop(_options.PollInterval);
        }
    }

    private void StartPollLoop(TimeSpan period)
    {
        lock (_sync)
        {
            if (_pollTimer is { } running)
            {
                try
                {
                    running.Period = period;
                }
                catch (ObjectDisposedException)
                {
                    // Stopping: nothing left to poll for.
                }

                return;
            }

            _pollTimer = new PeriodicTimer(period, _client.TimeProvider);
            var timer = _pollTimer;
            _pollLoop = Task.Run(() => PollLoopAsync(timer, _stop.Token), CancellationToken.None);
        }
    }

    private async Task PollLoopAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        using var owned = timer;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var waiting = _pending.Values
                    .SelectMany(list =>
                    {
                        lock (list)
                        {
                            return list.Where(p => !p.Completion.IsCompleted).ToList();
                        }
                    })
                    .ToList();
                if (waiting.Count == 0)
                {
                    continue;
                }

                try
                {
                    await PollOnceAsync(waiting, cancellationToken).ConfigureAwait(false);
                }
                catch (PlexImproveException)
                {
                    // A failed poll is retried on the next tick; items still time out on their own.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task PollOnceAsync(List<PendingRefresh> waiting, CancellationToken cancellationToken)
    {
        var running = (await _client.GetActivitiesAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => a.Type == PlexActivity.RefreshItemsType)
            .Select(a => RatingKeyOf(a.Context?.Key))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var pending in waiting)
        {
            if (running.Contains(pending.RatingKey))
            {
                pending.SawActivity = true;
                continue;
            }

            if (pending.SawActivity)
            {
                Complete(pending.RatingKey, "polling: activity ended");
                continue;
            }

            var item = await _client.GetItemAsync(pending.RatingKey, cancellationToken).ConfigureAwait(false);
            if (item?.UpdatedAt is { } updated && (pending.UpdatedAtBefore is not { } before || updated > before))
            {
                Complete(pending.RatingKey, "polling: updatedAt advanced");
            }
        }
    }
}

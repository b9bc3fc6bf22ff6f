using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PlexImprove.Sandbox.Benchmarks;

/// <summary>
/// Client side of "did the refresh finish": listens on the notifications websocket and completes a wait
/// when the item's <c>library.refresh.items</c> activity ends — what a real client does against PMS.
/// </summary>
public sealed class RefreshWaiter : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public static async Task<RefreshWaiter> ConnectAsync(string baseUrl, string token, CancellationToken ct)
    {
        var waiter = new RefreshWaiter();
        var uri = new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/:/websockets/notifications?X-Plex-Token=" + Uri.EscapeDataString(token));
        await waiter._socket.ConnectAsync(uri, ct).ConfigureAwait(false);
        waiter._loop = Task.Run(waiter.ReceiveAsync, ct);
        return waiter;
    }

    /// <summary>Registers interest in an item before its refresh is requested; completes when the refresh ends.</summary>
    public Task Expect(string ratingKey)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waits[ratingKey] = source;
        return source.Task;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count));
                var container = document.RootElement.GetProperty("NotificationContainer");
                if (container.GetProperty("type").GetString() != "activity")
                {
                    continue;
                }

                foreach (var notification in container.GetProperty("ActivityNotification").EnumerateArray())
                {
                    var key = notification.GetProperty("Activity").GetProperty("Context").GetProperty("key").GetString() ?? "";
                    if (notification.GetProperty("event").GetString() == "ended" && _waits.TryRemove(key[(key.LastIndexOf('/') + 1)..], out var wait))
                    {
                        wait.TrySetResult();
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}

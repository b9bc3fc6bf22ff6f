using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>The clients of <c>/:/websockets/notifications</c>, and Plex-shaped messages sent to all of them.</summary>
public sealed class NotificationHub
{
    private readonly ConcurrentDictionary<Guid, (WebSocket Socket, SemaphoreSlim Gate)> _clients = new();

    /// <summary>Number of connected clients.</summary>
    public int ClientCount => _clients.Count;

    /// <summary>Serves one websocket client until it closes or the server stops.</summary>
    public async Task ServeAsync(WebSocket socket, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        using var gate = new SemaphoreSlim(1, 1);
        _clients[id] = (socket, gate);
        try
        {
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            _clients.TryRemove(id, out _);
        }
    }

    /// <summary>An <c>activity</c> notification (<c>event</c>: started, updated, ended).</summary>
    public Task ActivityAsync(string @event, Activity activity) => BroadcastAsync(new JsonObject
    {
        ["NotificationContainer"] = new JsonObject
        {
            ["type"] = "activity",
            ["size"] = 1,
            ["ActivityNotification"] = new JsonArray(new JsonObject
            {
                ["event"] = @event,
                ["uuid"] = activity.Uuid,
                ["Activity"] = activity.ToJson(),
            }),
        },
    });

    /// <summary>A <c>timeline</c> notification for an item (state 5 = processed).</summary>
    public Task TimelineAsync(LibraryItem item, int state) => BroadcastAsync(new JsonObject
    {
        ["NotificationContainer"] = new JsonObject
        {
            ["type"] = "timeline",
            ["size"] = 1,
            ["TimelineEntry"] = new JsonArray(new JsonObject
            {
                ["identifier"] = "com.plexapp.plugins.library",
                ["sectionID"] = item.SectionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["itemID"] = item.RatingKey,
                ["type"] = 1,
                ["title"] = item.Title,
                ["state"] = state,
                ["updatedAt"] = item.UpdatedAt,
            }),
        },
    });

    private async Task BroadcastAsync(JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        foreach (var (id, (socket, gate)) in _clients)
        {
            try
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (socket.State == WebSocketState.Open)
                    {
                        await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException)
            {
                _clients.TryRemove(id, out _);
            }
        }
    }
}

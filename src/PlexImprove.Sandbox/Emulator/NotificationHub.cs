using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// The clients of <c>/:/websockets/notifications</c> and of <c>/:/eventsource/notifications</c> (Server-Sent Events),
/// and Plex-shaped messages sent to all of them: the websocket gets <c>{"NotificationContainer": {...}}</c>, the event
/// stream an <c>event:</c> line naming the type and a <c>data:</c> line with the container itself.
/// </summary>
public sealed class NotificationHub
{
    private readonly ConcurrentDictionary<Guid, (WebSocket Socket, SemaphoreSlim Gate)> _clients = new();
    private readonly ConcurrentDictionary<Guid, Channel<string>> _eventStreams = new();

    /// <summary>Number of connected clients (websocket and event stream).</summary>
    public int ClientCount => _clients.Count + _eventStreams.Count;

    /// <summary>Serves one event-stream client until it disconnects or the server stops.</summary>
    public async Task ServeEventsAsync(HttpResponse response, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var messages = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        _eventStreams[id] = messages;
        try
        {
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var message in messages.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                await response.WriteAsync(message, Encoding.UTF8, ct).ConfigureAwait(false);
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away or the server is stopping.
        }
        finally
        {
            _eventStreams.TryRemove(id, out _);
        }
    }

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
        var container = message["NotificationContainer"]!;
        var @event = $"event: {container["type"]}\ndata: {container.ToJsonString()}\n\n";
        foreach (var stream in _eventStreams.Values)
        {
            stream.Writer.TryWrite(@event);
        }

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

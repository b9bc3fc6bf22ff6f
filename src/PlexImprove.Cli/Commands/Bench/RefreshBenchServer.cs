using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// A minimal loopback Plex for <c>bench refresh</c>: items, asynchronous refreshes of a given duration,
/// <c>/activities</c> and websocket notifications. It records the moment it marks each refresh finished
/// (<see cref="Stopwatch.GetTimestamp"/>), so the client's detection latency can be measured in-process.
/// </summary>
public sealed class RefreshBenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _updatedAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<(WebSocket Socket, SemaphoreSlim Send)> _sockets = [];
    private readonly Func<string, TimeSpan> _duration;

    private RefreshBenchServer(WebApplication app, Func<string, TimeSpan> duration)
    {
        _app = app;
        _duration = duration;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>When each refresh was marked finished.</summary>
    public ConcurrentDictionary<string, long> FinishedAt { get; } = new(StringComparer.Ordinal);

    public static async Task<RefreshBenchServer> StartAsync(IEnumerable<string> ratingKeys, Func<string, TimeSpan> duration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RefreshBenchServer(app, duration);
        foreach (var key in ratingKeys)
        {
            server._updatedAt[key] = 1_700_000_000;
        }

        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (socket, _) in _sockets)
        {
            socket.Abort();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/');
        switch (context.Request.Method, segments)
        {
            case ("GET", [":", "websockets", "notifications"]) when context.WebSockets.IsWebSocketRequest:
                await NotificationsAsync(context).ConfigureAwait(false);
                return;
            case ("GET", ["identity"]):
                await JsonAsync(context, new { MediaContainer = new { size = 0, machineIdentifier = "bench", version = "bench" } }).ConfigureAwait(false);
                return;
            case ("GET", ["activities"]):
                await JsonAsync(context, new
                {
                    MediaContainer = new
                    {
                        size = _running.Count,
                        Activity = _running.Keys.Select(k => new { uuid = "a" + k, type = "library.refresh.items", Context = new { key = "/library/metadata/" + k } }).ToList(),
                    },
                }).ConfigureAwait(false);
                return;
            case ("GET", ["library", "metadata", var key]) when _updatedAt.TryGetValue(key, out long updated):
                await JsonAsync(context, new { MediaContainer = new { size = 1, librarySectionID = 1, Metadata = new[] { new { ratingKey = key, title = "Item " + key, updatedAt = updated } } } }).ConfigureAwait(false);
                return;
            case ("PUT", ["library", "metadata", var key, "refresh"]) when _updatedAt.ContainsKey(key):
                _running[key] = 0;
                _ = FinishLaterAsync(key);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private async Task FinishLaterAsync(string key)
    {
        await Task.Delay(_duration(key)).ConfigureAwait(false);
        _updatedAt[key] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _running.TryRemove(key, out _);
        FinishedAt[key] = Stopwatch.GetTimestamp();
        var message = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            NotificationContainer = new
            {
                type = "activity",
                size = 1,
                ActivitySessionNotification = new[] { new { @event = "ended", uuid = "a" + key, Activity = new { uuid = "a" + key, type = "library.refresh.items", Context = new { key = "/library/metadata/" + key } } } },
            },
        }));
        foreach (var (socket, send) in _sockets)
        {
            await send.WaitAsync().ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (WebSocketException)
            {
                // The client left.
            }
            finally
            {
                send.Release();
            }
        }
    }

    private async Task NotificationsAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        _sockets.Add((socket, new SemaphoreSlim(1)));
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client left.
        }
    }

    private static Task JsonAsync(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value));
    }
}

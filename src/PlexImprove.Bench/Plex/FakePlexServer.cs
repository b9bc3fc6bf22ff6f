using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Security;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlexImprove.Bench.Plex;

/// <summary>
/// A loopback Plex Media Server (Kestrel, port 0) that behaves as the facts describe: XML unless JSON is asked
/// for, HTML error bodies, 401 on a bad token, librarySectionID only on the container, paging headers,
/// /activities, websocket notifications, and switchable failures for the client's fallback paths. <c>bench refresh</c>
/// measures the client against it, and the client's tests drive it; it records the moment it marks each refresh
/// finished, so the client's detection latency can be measured in-process.
/// </summary>
public sealed class FakePlexServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _runningRefreshes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<(WebSocket Socket, SemaphoreSlim Send)> _sockets = [];
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);

    private FakePlexServer(WebApplication app) => _app = app;

    public const string Token = "fake-secret-token-8f2c91d0";
    public const string MachineIdentifier = "fake-machine-0001";
    public const string Version = "1.32.8.7639-fb6452ebf";

    public Uri Url { get; private set; } = null!;
    public ConcurrentDictionary<string, FakeItem> Items { get; } = new(StringComparer.Ordinal);
    public List<(string Key, string Title, string Agent)> Sections { get; } = [("1", "Movies", "com.plexapp.agents.imdb")];

    /// <summary>Every request seen: method, path and query, and its headers.</summary>
    public ConcurrentQueue<(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    /// <summary>Largest page the server returns, whatever the client asks (real servers cap too).</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Answer 404 to <c>PUT /library/metadata/{rk}/refresh</c> (a real server did).</summary>
    public bool ItemRefreshNotFound { get; set; }

    /// <summary>Answer XML even when JSON is asked for (what a proxy or an old server may do).</summary>
    public bool AlwaysXml { get; set; }

    /// <summary>Refuse websocket connections.</summary>
    public bool WebSocketRefused { get; set; }

    /// <summary>Accept websocket connections but never send a notification.</summary>
    public bool SilentWebSocket { get; set; }

    /// <summary>Send timeline notifications instead of activity ones.</summary>
    public bool NotifyWithTimeline { get; set; }

    /// <summary>Refreshes of these ratingKeys start and never finish.</summary>
    public HashSet<string> NeverFinish { get; } = [];

    /// <summary>How long a refresh runs on the server.</summary>
    public TimeSpan RefreshDuration { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the refresh of a given ratingKey runs, when set; otherwise <see cref="RefreshDuration"/>.</summary>
    public Func<string, TimeSpan>? RefreshDurationOf { get; set; }

    /// <summary>The clock that stamps an item's <c>updatedAt</c> when its refresh finishes.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>What a finished refresh does to the item (an agent filling fields); default bumps nothing else.</summary>
    public Action<FakeItem>? OnRefresh { get; set; }

    /// <summary>Called for <c>/:/plugins/{id}/restart</c>; return false to answer 404.</summary>
    public Func<string, bool>? OnPluginRestart { get; set; }

    /// <summary>Retry-After seconds sent with injected 503/429 answers; null sends none.</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>When each refresh was marked finished (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public ConcurrentDictionary<string, long> FinishedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>Folder refreshes requested (section id, path).</summary>
    public ConcurrentQueue<(string Section, string Path)> FolderRefreshes { get; } = new();

    /// <summary>The next <paramref name="count"/> requests whose path starts with <paramref name="pathPrefix"/> fail with <paramref name="status"/>.</summary>
    public void FailNext(string pathPrefix, int count, int status = 503) => _failuresLeft[$"{status}|{pathPrefix}"] = count;

    public static async Task<FakePlexServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakePlexServer(app);
        app.UseWebSockets();
        app.Use(server.Middleware);
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    public FakeItem AddItem(string ratingKey, string? title = null, string sectionId = "1")
    {
        var item = new FakeItem { RatingKey = ratingKey, Title = title ?? $"Movie {ratingKey}", SectionId = sectionId, Year = 2001 };
        Items[ratingKey] = item;
        return item;
    }

    public IEnumerable<string> RequestPaths(string method) => Requests.Where(r => r.Method == method).Select(r => r.PathAndQuery);

    public async ValueTask DisposeAsync()
    {
        foreach (var (socket, _) in _sockets)
        {
            socket.Abort();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        string path = request.Path.Value ?? "/";
        // Kestrel recycles header collections: keep a copy.
        Requests.Enqueue((request.Method, path + request.QueryString,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));

        foreach (var (key, left) in _failuresLeft)
        {
            var parts = key.Split('|', 2);
            if (path.StartsWith(parts[1], StringComparison.Ordinal) && left > 0 && _failuresLeft.TryUpdate(key, left - 1, left))
            {
                if (RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Html(context, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), "Service Unavailable").ConfigureAwait(false);
                return;
            }
        }

        if (path != "/identity" && TokenOf(request) != Token)
        {
            await Html(context, 401, "Unauthorized").ConfigureAwait(false);
            return;
        }

        if (path == "/:/websockets/notifications")
        {
            await Notifications(context).ConfigureAwait(false);
            return;
        }

        var segments = path.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("GET", ["identity"]):
                await Container(context, new() { ["size"] = 0, ["claimed"] = true, ["machineIdentifier"] = MachineIdentifier, ["version"] = Version }).ConfigureAwait(false);
                return;
            case ("GET", ["library", "sections"]):
                await Container(context, new()
                {
                    ["size"] = Sections.Count,
                    ["Directory"] = Sections.Select(s => new Dictionary<string, object?>
                    {
                        ["key"] = s.Key, ["title"] = s.Title, ["type"] = "movie", ["agent"] = s.Agent, ["refreshing"] = false,
                        ["Location"] = new[] { new Dictionary<string, object?> { ["id"] = 1, ["path"] = "/media/movies" } },
                    }).ToList(),
                }).ConfigureAwait(false);
                return;
            case ("GET", ["library", "sections", var section, "all"]):
                await SectionItems(context, section).ConfigureAwait(false);
                return;
            case ("GET", ["library", "sections", var section, "refresh"]):
                string folder = request.Query["path"].ToString();
                FolderRefreshes.Enqueue((section, folder));
                foreach (var item in Items.Values.Where(i => i.SectionId == section && i.File.StartsWith(folder + "/", StringComparison.Ordinal)))
                {
                    StartRefresh(item);
                }

                context.Response.StatusCode = 200;
                return;
            case ("GET", ["library", "metadata", var rk]):
                if (!Items.TryGetValue(rk, out var one))
                {
                    await Html(context, 404, "Not Found").ConfigureAwait(false);
                    return;
                }

                await Container(context, new() { ["size"] = 1, ["librarySectionID"] = int.Parse(one.SectionId, System.Globalization.CultureInfo.InvariantCulture), ["Metadata"] = new[] { ItemJson(one, includeSection: true) } }).ConfigureAwait(false);
                return;
            case ("PUT", ["library", "metadata", var rk, "refresh"]):
                if (ItemRefreshNotFound || !Items.TryGetValue(rk, out var refreshed))
                {
                    await Html(context, 404, "Not Found").ConfigureAwait(false);
                    return;
                }

                StartRefresh(refreshed);
                context.Response.StatusCode = 200;
                return;
            case ("GET", ["activities"]):
                await Container(context, new()
                {
                    ["size"] = _runningRefreshes.Count,
                    ["Activity"] = _runningRefreshes.Keys.Select(rk => new Dictionary<string, object?>
                    {
                        ["uuid"] = "act-" + rk, ["type"] = "library.refresh.items", ["title"] = "Refreshing", ["progress"] = 0,
                        ["Context"] = new Dictionary<string, object?> { ["key"] = "/library/metadata/" + rk },
                    }).ToList(),
                }).ConfigureAwait(false);
                return;
            case ("GET", [":", "plugins", var id, "restart"]):
                if (OnPluginRestart?.Invoke(id) ?? false)
                {
                    context.Response.StatusCode = 200;
                    return;
                }

                await Html(context, 404, "Not Found").ConfigureAwait(false);
                return;
            default:
                await Html(context, 404, "Not Found").ConfigureAwait(false);
                return;
        }
    }

    private static string? TokenOf(HttpRequest request) =>
        request.Headers["X-Plex-Token"].FirstOrDefault() is { Length: > 0 } header ? header : request.Query["X-Plex-Token"].FirstOrDefault();

    private async Task SectionItems(HttpContext context, string section)
    {
        if (!Sections.Any(s => s.Key == section))
        {
            await Html(context, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        string title = context.Request.Query["title"].ToString();
        var all = Items.Values
            .Where(i => i.SectionId == section && (title.Length == 0 || (i.Title ?? "").Contains(title, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(i => int.Parse(i.RatingKey, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        int start = int.TryParse(context.Request.Headers["X-Plex-Container-Start"], out int s) ? s : 0;
        int size = int.TryParse(context.Request.Headers["X-Plex-Container-Size"], out int z) ? Math.Min(z, MaxPageSize) : Math.Min(all.Count, MaxPageSize);
        var page = all.Skip(start).Take(size).ToList();
        await Container(context, new()
        {
            ["size"] = page.Count,
            ["totalSize"] = all.Count,
            ["offset"] = start,
            ["librarySectionID"] = int.Parse(section, System.Globalization.CultureInfo.InvariantCulture),
            ["Metadata"] = page.Select(i => ItemJson(i, includeSection: false)).ToList(),
        }).ConfigureAwait(false);
    }

    // Items listed in a section carry no librarySectionID: it sits on the container only.
    private static Dictionary<string, object?> ItemJson(FakeItem item, bool includeSection)
    {
        var json = new Dictionary<string, object?>
        {
            ["ratingKey"] = item.RatingKey,
            ["key"] = "/library/metadata/" + item.RatingKey,
            ["guid"] = item.Guid,
            ["type"] = "movie",
            ["title"] = item.Title,
            ["year"] = item.Year,
            ["summary"] = item.Summary,
            ["updatedAt"] = item.UpdatedAt,
            ["Media"] = new[] { new Dictionary<string, object?> { ["Part"] = new[] { new Dictionary<string, object?> { ["file"] = item.File } } } },
        };
        if (includeSection)
        {
            json["librarySectionID"] = int.Parse(item.SectionId, System.Globalization.CultureInfo.InvariantCulture);
        }

        return json;
    }

    /// <summary>The most refreshes that ran at the same time.</summary>
    public int MaxConcurrentRefreshes { get; private set; }

    private void StartRefresh(FakeItem item)
    {
        lock (_runningRefreshes)
        {
            _runningRefreshes[item.RatingKey] = 0;
            MaxConcurrentRefreshes = Math.Max(MaxConcurrentRefreshes, _runningRefreshes.Count);
        }

        if (NeverFinish.Contains(item.RatingKey))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(RefreshDurationOf?.Invoke(item.RatingKey) ?? RefreshDuration).ConfigureAwait(false);
            OnRefresh?.Invoke(item);
            item.UpdatedAt = Time.GetUtcNow().ToUnixTimeSeconds(); // whole seconds, as Plex stores it
            lock (_runningRefreshes)
            {
                _runningRefreshes.TryRemove(item.RatingKey, out _);
            }

            FinishedAt[item.RatingKey] = Stopwatch.GetTimestamp();
            string message = NotifyWithTimeline
                ? JsonSerializer.Serialize(new { NotificationContainer = new { type = "timeline", size = 1, TimelineEntry = new[] { new { identifier = "com.plexapp.plugins.library", sectionID = item.SectionId, itemID = item.RatingKey, type = 1, title = item.Title, state = 5 } } } })
                : JsonSerializer.Serialize(new { NotificationContainer = new { type = "activity", size = 1, ActivitySessionNotification = new[] { new { @event = "ended", uuid = "act-" + item.RatingKey, Activity = new { uuid = "act-" + item.RatingKey, type = "library.refresh.items", title = "Refreshing", progress = 100, Context = new { key = "/library/metadata/" + item.RatingKey } } } } } });
            if (!SilentWebSocket)
            {
                await BroadcastAsync(message).ConfigureAwait(false);
            }
        });
    }

    private async Task BroadcastAsync(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        foreach (var (socket, send) in _sockets)
        {
            await send.WaitAsync().ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (WebSocketException)
            {
                // Client gone.
            }
            finally
            {
                send.Release();
            }
        }
    }

    private async Task Notifications(HttpContext context)
    {
        if (WebSocketRefused || !context.WebSockets.IsWebSocketRequest)
        {
            await Html(context, 403, "Forbidden").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        _sockets.Add((socket, new SemaphoreSlim(1)));
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Client gone.
        }
    }

    // JSON only when asked for; XML otherwise, as Plex does.
    private async Task Container(HttpContext context, Dictionary<string, object?> container)
    {
        if (!AlwaysXml && context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?> { ["MediaContainer"] = container })).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/xml;charset=utf-8";
        var attributes = container.Where(p => p.Value is not null and not System.Collections.IEnumerable || p.Value is string)
            .Select(p => $" {p.Key}=\"{SecurityElement.Escape(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))}\"");
        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer{string.Concat(attributes)}>\n</MediaContainer>\n").ConfigureAwait(false);
    }

    // Error bodies are HTML even when JSON was asked for.
    private static async Task Html(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync($"<html><head><title>{status} {title}</title></head><body><h1>{status} {title}</h1></body></html>").ConfigureAwait(false);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace PlexImprove.Mcp.Resources;

/// <summary>
/// Watches the work folder and the lesson book while the server runs. When a run adds or removes a report, every
/// session that has looked at resources gets <c>notifications/resources/list_changed</c>; when a report it subscribed
/// to changes, it gets <c>notifications/resources/updated</c>. File events only trigger a rescan (debounced), so a
/// burst of writes sends one notification and the comparison, not the event, decides what changed.
/// </summary>
public sealed class ResourceChangeNotifier : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly RunFolderResources _resources;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private readonly SemaphoreSlim _scanning = new(1, 1);
    private Dictionary<string, (long Size, DateTime Written)> _snapshot;

    public ResourceChangeNotifier(RunFolderResources resources, ILogger logger)
    {
        _resources = resources;
        _logger = logger;
        _snapshot = Snapshot();
        _timer = new Timer(_ => _ = ScanAsync(CancellationToken.None), null, Timeout.Infinite, Timeout.Infinite);
        Watch(resources.WorkDir, "*", includeSubdirectories: true);
        if (resources.LessonsFile is { } lessons && Path.GetDirectoryName(lessons) is { } lessonsDir)
        {
            Watch(lessonsDir, Path.GetFileName(lessons), includeSubdirectories: false);
        }
    }

    /// <summary>
    /// Registers the server object of a whole session (over HTTP, from the session handler). A request handler's
    /// server is bound to that request's response, which is closed by the time a report changes; notifications go
    /// through the session's, so they reach the client's open event stream.
    /// </summary>
    public void TrackSession(McpServer sessionServer) =>
        _sessions.AddOrUpdate(KeyOf(sessionServer), _ => new Session(sessionServer), (_, known) => known.WithServer(sessionServer));

    /// <summary>Drops a session that ended, with its subscriptions.</summary>
    public void Forget(McpServer sessionServer) => _sessions.TryRemove(KeyOf(sessionServer), out _);

    /// <summary>Remembers a session so it hears about added or removed reports.</summary>
    public void Track(McpServer server) => SessionOf(server);

    public void Subscribe(McpServer server, string uri)
    {
        _resources.Resolve(uri);
        SessionOf(server).Uris[uri] = 0;
    }

    public void Unsubscribe(McpServer server, string uri)
    {
        if (_sessions.TryGetValue(KeyOf(server), out var session))
        {
            session.Uris.TryRemove(uri, out _);
        }
    }

    /// <summary>One entry per session, whichever request's server object asks (stdio has one session, no id).</summary>
    private static string KeyOf(McpServer server) => server.SessionId ?? "";

    private Session SessionOf(McpServer server) => _sessions.GetOrAdd(KeyOf(server), _ => new Session(server));

    /// <summary>Compares the reports with the last scan and notifies sessions of what changed.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        await _scanning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Snapshot();
            var before = _snapshot;
            _snapshot = now;
            bool listChanged = now.Count != before.Count || now.Keys.Any(k => !before.ContainsKey(k));
            var updated = now.Where(e => before.TryGetValue(e.Key, out var old) && old != e.Value).Select(e => e.Key).ToList();
            foreach (var (key, session) in _sessions)
            {
                var (server, subscriptions) = (session.Server, session.Uris);
                try
                {
                    if (listChanged)
                    {
                        await server.SendNotificationAsync(NotificationMethods.ResourceListChangedNotification, cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var uri in updated.Where(subscriptions.ContainsKey))
                    {
                        await server.SendNotificationAsync(
                            NotificationMethods.ResourceUpdatedNotification,
                            new ResourceUpdatedNotificationParams { Uri = uri },
                            McpJsonUtilities.DefaultOptions,
                            cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is ObjectDisposedException or IOException or InvalidOperationException or McpException)
                {
                    // The session is gone (client disconnected): stop notifying it.
                    _sessions.TryRemove(key, out _);
                    _logger.LogDebug("Dropped a closed session from resource notifications: {Message}", e.Message);
                }
            }
        }
        finally
        {
            _scanning.Release();
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
        _scanning.Dispose();
    }

    private Dictionary<string, (long Size, DateTime Written)> Snapshot()
    {
        var snapshot = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var resource in _resources.List())
        {
            var info = new FileInfo(_resources.Resolve(resource.Uri));
            if (info.Exists)
            {
                snapshot[resource.Uri] = (info.Length, info.LastWriteTimeUtc);
            }
        }

        return snapshot;
    }

    private void Watch(string directory, string filter, bool includeSubdirectories)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var watcher = new FileSystemWatcher(directory, filter)
        {
            IncludeSubdirectories = includeSubdirectories,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, _) => Poke();
        watcher.Changed += (_, _) => Poke();
        watcher.Deleted += (_, _) => Poke();
        watcher.Renamed += (_, _) => Poke();
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void Poke() => _timer.Change(Debounce, Timeout.InfiniteTimeSpan);

    private sealed class Session(McpServer server)
    {
        public McpServer Server { get; private set; } = server;

        public ConcurrentDictionary<string, byte> Uris { get; } = new(StringComparer.Ordinal);

        public Session WithServer(McpServer sessionServer)
        {
            Server = sessionServer;
            return this;
        }
    }
}

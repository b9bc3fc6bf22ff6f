using System.Collections.Concurrent;
using System.Threading.Channels;
using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// Runs refreshes asynchronously, as PMS does: each appears in <c>/activities</c>, runs the section's agent
/// (search, then update when a result scores at least <see cref="MatchScore"/>), stores the metadata on
/// the item, and ends with activity and timeline notifications. An agent failure never fails the refresh.
/// </summary>
public sealed class RefreshQueue : IAsyncDisposable
{
    /// <summary>The lowest search score PMS accepts as an automatic match.</summary>
    public const int MatchScore = 85;

    private readonly Channel<LibraryItem> _channel = Channel.CreateUnbounded<LibraryItem>();
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Activity> _activities = new(StringComparer.Ordinal);
    private readonly SandboxLibrary _library;
    private readonly PluginHost _plugins;
    private readonly NotificationHub _hub;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;
    private int _inFlight;
    private int _sequence;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public RefreshQueue(SandboxLibrary library, PluginHost plugins, NotificationHub hub, TimeProvider time, int workers = 4)
    {
        _library = library;
        _plugins = plugins;
        _hub = hub;
        _time = time;
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync))];
    }

    public IReadOnlyCollection<Activity> Activities => [.. _activities.Values];

    /// <summary>Number of refreshes queued or running.</summary>
    public int QueueSize => Volatile.Read(ref _inFlight);

    /// <summary>Queues a refresh of the item unless one is already queued.</summary>
    public void Enqueue(LibraryItem item)
    {
        if (!_pending.TryAdd(item.RatingKey, 0))
        {
            return;
        }

        lock (_channel)
        {
            if (Interlocked.Increment(ref _inFlight) == 1)
            {
                _idle = NewIdle(completed: false);
            }
        }

        _library.SectionOf(item).BeginRefresh();
        _channel.Writer.TryWrite(item);
    }

    /// <summary>Completes when no refresh is queued or running.</summary>
    public Task WhenIdleAsync(CancellationToken ct)
    {
        lock (_channel)
        {
            return _idle.Task.WaitAsync(ct);
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var item in _channel.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                _pending.TryRemove(item.RatingKey, out _);
                try
                {
                    await RefreshAsync(item, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                finally
                {
                    _library.SectionOf(item).EndRefresh();
                    lock (_channel)
                    {
                        if (Interlocked.Decrement(ref _inFlight) == 0)
                        {
                            _idle.TrySetResult();
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RefreshAsync(LibraryItem item, CancellationToken ct)
    {
        var section = _library.SectionOf(item);
        var activity = new Activity
        {
            Uuid = Guid.NewGuid().ToString(),
            Type = "library.refresh.items",
            Title = "Refreshing",
            Subtitle = item.Title,
            ContextKey = $"/library/metadata/{item.RatingKey}",
        };
        _activities[activity.Uuid] = activity;
        await _hub.ActivityAsync("started", activity).ConfigureAwait(false);
        await _hub.TimelineAsync(item, 1).ConfigureAwait(false);
        RefreshOutcome outcome;
        try
        {
            if (section.Provider is not null)
            {
                // A Plex 1.43 section: its agent is a provider, called over HTTP as Plex calls it.
                outcome = await ProviderRefresh.RunAsync(section.Provider, section.Type, item, _time, ct).ConfigureAwait(false);
            }
            else
            {
                var plugin = await _plugins.GetAsync(section.Agent, ct).ConfigureAwait(false);
                var media = new PluginMedia(item.RatingKey, item.ScannerName, item.ScannerYear, item.File) { Type = section.Type };
                var thread = Interlocked.Increment(ref _sequence);
                var results = await plugin.SearchAsync(media, thread, ct).ConfigureAwait(false);
                activity.Progress = 50;
                await _hub.ActivityAsync("updated", activity).ConfigureAwait(false);
                var best = results.FirstOrDefault();
                if (best is null || best.Score < MatchScore)
                {
                    outcome = RefreshOutcome.NotMatched;
                }
                else
                {
                    var metadata = await plugin.UpdateAsync(media, best.Id, thread, ct).ConfigureAwait(false);
                    if (metadata is null)
                    {
                        outcome = RefreshOutcome.UpdateFailed;
                    }
                    else
                    {
                        item.Store(metadata, _time.GetUtcNow().ToUnixTimeSeconds());
                        outcome = RefreshOutcome.Updated;
                    }
                }
            }
        }
        catch (PluginUnavailableException)
        {
            outcome = RefreshOutcome.PluginUnavailable;
        }

        item.Record(outcome);
        activity.Progress = 100;
        _activities.TryRemove(activity.Uuid, out _);
        await _hub.ActivityAsync("ended", activity).ConfigureAwait(false);
        await _hub.TimelineAsync(item, 5).ConfigureAwait(false);
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stopping.Dispose();
    }
}

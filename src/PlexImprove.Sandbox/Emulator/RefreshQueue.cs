using System.Collections.Concurrent;
using System.Threading.Channels;
using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// Runs refreshes asynchronously, as PMS does: each appears in <c>/activities</c>, runs the section's primary agent
/// (search, then update when a result scores at least <see cref="MatchScore"/>), stores the metadata on
/// the item, then runs the agents contributing to the primary one (<c>contributes_to</c> / <c>accepts_from</c>),
/// and ends with activity and timeline notifications. An agent failure never fails the refresh.
/// </summary>
public sealed class RefreshQueue : IAsyncDisposable
{
    /// <summary>The lowest search score PMS accepts as an automatic match.</summary>
    public const int MatchScore = 85;

    private readonly Channel<(LibraryItem Item, bool Force)> _channel = Channel.CreateUnbounded<(LibraryItem Item, bool Force)>();
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
    /// <param name="item">The item.</param>
    /// <param name="force">The <c>force</c> the agents' update gets: true for a forced refresh (<c>force=1</c>).</param>
    public void Enqueue(LibraryItem item, bool force = true)
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
        _channel.Writer.TryWrite((item, force));
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
            await foreach (var (item, force) in _channel.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                _pending.TryRemove(item.RatingKey, out _);
                try
                {
                    await RefreshAsync(item, force, _stopping.Token).ConfigureAwait(false);
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

    private async Task RefreshAsync(LibraryItem item, bool force, CancellationToken ct)
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
                    var metadata = await plugin.UpdateAsync(media, best.Id, thread, ct, force).ConfigureAwait(false);
                    if (metadata is null)
                    {
                        outcome = RefreshOutcome.UpdateFailed;
                    }
                    else
                    {
                        item.Store(metadata, _time.GetUtcNow().ToUnixTimeSeconds());
                        outcome = RefreshOutcome.Updated;
                        await ContributeAsync(plugin, item, media, new PrimaryMatch(plugin.Bundle.Identifier, metadata.Guid, metadata), thread, force, ct).ConfigureAwait(false);
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

    /// <summary>
    /// The contributing agents' turn, after the primary agent updated the item: each searches with the primary's match
    /// in hand and, given a result, updates; what it stores fills only what the primary left empty. A contributing
    /// agent's failure leaves the item as the primary agent made it.
    /// </summary>
    private async Task ContributeAsync(PluginProcess primary, LibraryItem item, PluginMedia media, PrimaryMatch match, int thread, bool force, CancellationToken ct)
    {
        var contributors = await _plugins.ContributorsAsync(primary, SectionType.FrameworkTypeOf(media.Type), ct).ConfigureAwait(false);
        foreach (var contributor in contributors)
        {
            try
            {
                var results = await contributor.SearchAsync(media, thread, ct, match).ConfigureAwait(false);
                // Plex takes a contributing agent's first result: these agents answer with the one item they were handed.
                if (results.FirstOrDefault() is { } first
                    && await contributor.UpdateAsync(media, first.Id, thread, ct, force, match).ConfigureAwait(false) is { } contributed)
                {
                    item.Contribute(contributed);
                }
            }
            catch (PluginUnavailableException)
            {
                // A contributing agent that stopped does not undo the primary agent's work.
            }
        }
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

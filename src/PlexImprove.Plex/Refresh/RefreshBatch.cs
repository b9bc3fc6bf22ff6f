using PlexImprove.Plex.Client;
using PlexImprove.Plex.Errors;

namespace PlexImprove.Plex.Refresh;

/// <summary>
/// Refreshes a set of items and waits until Plex has really finished each one (tool <c>plex_refresh_items</c>):
/// a bounded number in flight, a per-item timeout, no fixed sleeps. Unknown ratingKeys are reported and the
/// rest still refreshed; an item that never finishes is <see cref="RefreshStatus.TimedOut"/>, never a success.
/// </summary>
public sealed class RefreshBatch
{
    private readonly PlexClient _client;
    private readonly RefreshOptions _options;

    public RefreshBatch(PlexClient client, RefreshOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new RefreshOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxInFlight, 1);
    }

    /// <summary>Refreshes <paramref name="ratingKeys"/> (duplicates once) and returns one result per key, in order.</summary>
    /// <param name="ratingKeys">The items to refresh.</param>
    /// <param name="progress">Receives one report per finished item.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    public async Task<RefreshBatchResult> RunAsync(
        IReadOnlyList<string> ratingKeys, IProgress<RefreshProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ratingKeys);
        var keys = ratingKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal).ToList();
        RefreshCompletionWatcher? watcher = _options.Wait
            ? await RefreshCompletionWatcher.StartAsync(_client, _options, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            using var slots = new SemaphoreSlim(_options.MaxInFlight);
            int done = 0;
            int inFlight = 0;
            var tasks = keys.Select(async key =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref inFlight);
                try
                {
                    var result = await RefreshOneAsync(key, watcher, cancellationToken).ConfigureAwait(false);
                    int stillRunning = Interlocked.Decrement(ref inFlight);
                    progress?.Report(new RefreshProgress(Interlocked.Increment(ref done), keys.Count, result, stillRunning));
                    return result;
                }
                catch
                {
                    Interlocked.Decrement(ref inFlight);
                    throw;
                }
                finally
                {
                    slots.Release();
                }
            }).ToList();
            var results = await Task.WhenAll(tasks).ConfigureAwait(false);
            return new RefreshBatchResult
            {
                Items = results,
                CompletionMode = watcher?.Mode,
                Notes = watcher?.Notes ?? [],
            };
        }
        finally
        {
            if (watcher is not null)
            {
                await watcher.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ItemRefreshResult> RefreshOneAsync(string ratingKey, RefreshCompletionWatcher? watcher, CancellationToken cancellationToken)
    {
        var time = _client.TimeProvider;
        var item = await _client.GetItemAsync(ratingKey, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new ItemRefreshResult { RatingKey = ratingKey, Status = RefreshStatus.NotFound, Error = "Plex does not know this ratingKey (404)." };
        }

        await WaitForALaterSecondAsync(item.UpdatedAt, time, cancellationToken).ConfigureAwait(false);

        // Watch before asking, so a fast refresh cannot finish unseen.
        using var pending = watcher?.Watch(ratingKey, item.UpdatedAt);
        var requestedAt = time.GetUtcNow();
        RefreshRoute route;
        try
        {
            route = await _client.RequestRefreshAsync(item, _options.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (PlexRequestFailedException e)
        {
            return new ItemRefreshResult
            {
                RatingKey = ratingKey, Title = item.Title, Status = RefreshStatus.Failed, UpdatedAtBefore = item.UpdatedAt,
                RequestedAt = requestedAt, Error = _client.Redactor.Redact(e.Message),
            };
        }

        if (pending is null)
        {
            return new ItemRefreshResult
            {
                RatingKey = ratingKey, Title = item.Title, Status = RefreshStatus.Requested, Route = route,
                UpdatedAtBefore = item.UpdatedAt, RequestedAt = requestedAt,
            };
        }

        try
        {
            var signal = await pending.Completion.WaitAsync(_options.ItemTimeout, time, cancellationToken).ConfigureAwait(false);
            return new ItemRefreshResult
            {
                RatingKey = ratingKey, Title = item.Title, Status = RefreshStatus.Completed, Route = route, CompletedBy = signal.Source,
                UpdatedAtBefore = item.UpdatedAt, RequestedAt = requestedAt, FinishedAt = time.GetUtcNow(), Signal = signal,
            };
        }
        catch (TimeoutException)
        {
            return new ItemRefreshResult
            {
                RatingKey = ratingKey, Title = item.Title, Status = RefreshStatus.TimedOut, Route = route,
                UpdatedAtBefore = item.UpdatedAt, RequestedAt = requestedAt,
                Error = $"Plex did not report the refresh finished within {_options.ItemTimeout.TotalSeconds:0.#} s.",
            };
        }
    }

    /// <summary>
    /// <c>updatedAt</c> counts whole seconds: an item last updated in the current second could be refreshed again
    /// without its <c>updatedAt</c> advancing, and a real success would look like none. Only then, wait for the
    /// next second (never longer than one second, and not at all for items updated earlier).
    /// </summary>
    private static async Task WaitForALaterSecondAsync(long? updatedAt, TimeProvider time, CancellationToken cancellationToken)
    {
        if (updatedAt is not { } seconds)
        {
            return;
        }

        // Timers run on the monotonic clock and may wake a little before the wall clock turns over, so check again.
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(1.5);
        while (time.GetUtcNow() is var now && now.ToUnixTimeSeconds() <= seconds && now < deadline)
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(seconds + 1) - now + TimeSpan.FromMilliseconds(5);
            if (wait > TimeSpan.FromSeconds(1.1))
            {
                return; // updatedAt lies in the future (a skewed server clock): waiting would not help.
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}

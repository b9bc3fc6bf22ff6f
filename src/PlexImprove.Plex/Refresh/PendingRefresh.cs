namespace PlexImprove.Plex.Refresh;

/// <summary>
/// One refresh being waited for. Registered before the refresh is requested so that no notification can be
/// missed; disposing it stops the watch.
/// </summary>
public sealed class PendingRefresh : IDisposable
{
    private readonly TaskCompletionSource<CompletionSignal> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<PendingRefresh> _unregister;

    internal PendingRefresh(string ratingKey, long? updatedAtBefore, Action<PendingRefresh> unregister)
    {
        RatingKey = ratingKey;
        UpdatedAtBefore = updatedAtBefore;
        _unregister = unregister;
    }

    public string RatingKey { get; }

    /// <summary>The item's <c>updatedAt</c> before the refresh, for the polling fallback.</summary>
    public long? UpdatedAtBefore { get; }

    /// <summary>Completes when the refresh is known to be finished.</summary>
    public Task<CompletionSignal> Completion => _completion.Task;

    /// <summary>Polling saw the item's refresh activity running (so its disappearance means it ended).</summary>
    internal bool SawActivity { get; set; }

    internal bool TryComplete(CompletionSignal signal) => _completion.TrySetResult(signal);

    public void Dispose() => _unregister(this);
}

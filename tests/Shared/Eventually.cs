namespace PlexImprove.Testing;

/// <summary>Waits for a condition that has no event to await, a bounded time, failing with what did not happen.</summary>
internal static class Eventually
{
    /// <summary>How long a condition gets by default: generous, because a loaded machine is slow, yet finite.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> saying <paramref name="what"/> otherwise.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        TrueAsync(_ => Task.FromResult(condition()), what, patience);

    /// <summary>
    /// Returns once <paramref name="condition"/> (asked again and again, with a token that ends with the patience)
    /// holds; throws <see cref="TimeoutException"/> saying <paramref name="what"/> otherwise.
    /// </summary>
    public static async Task TrueAsync(Func<CancellationToken, Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(patience ?? DefaultPatience);
        try
        {
            while (!await condition(limit.Token))
            {
                await Task.Delay(Interval, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Not within {(patience ?? DefaultPatience).TotalSeconds} s: {what}.");
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace PlexImprove.Testing;

/// <summary>
/// A fake clock that also tells when code starts waiting on it. Advancing a fake clock before the wait it is meant
/// to end has begun ends nothing, and the code then waits for ever; so a test first awaits the wait
/// (<see cref="WaitForTimerAsync(TimeSpan, TimeSpan?)"/>), then advances exactly past it.
/// </summary>
internal sealed class WaitableFakeTime : FakeTimeProvider
{
    /// <summary>How long a test waits, in real time, for code to start a wait before it fails.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _started = [];
    private readonly List<(Func<int, TimeSpan, bool> Matches, TaskCompletionSource<TimeSpan> Seen)> _watchers = [];

    public WaitableFakeTime()
        : base(new DateTimeOffset(2026, 3, 2, 18, 41, 7, 100, TimeSpan.Zero))
    {
    }

    public WaitableFakeTime(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The due times of every wait started on this clock so far (a timer created or set to fire), oldest first.</summary>
    public IReadOnlyList<TimeSpan> TimersStarted
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Started(dueTime);
        return timer;
    }

    /// <summary>Records a wait of <paramref name="dueTime"/> and wakes whoever waits for it; a timer set to never fire is no wait.</summary>
    private void Started(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<TaskCompletionSource<TimeSpan>> seen;
        lock (_gate)
        {
            var number = _started.Count;
            _started.Add(dueTime);
            seen = [.. _watchers.Where(w => w.Matches(number, dueTime)).Select(w => w.Seen)];
            _watchers.RemoveAll(w => seen.Contains(w.Seen));
        }

        seen.ForEach(s => s.TrySetResult(dueTime));
    }

    /// <summary>Waits until a timer of exactly <paramref name="dueTime"/> has been started (perhaps already).</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime, TimeSpan? patience = null) =>
        WaitForTimerAsync(d => d == dueTime, $"a wait of {dueTime.TotalMilliseconds} ms", patience);

    /// <summary>Waits until a timer whose due time matches has been started (perhaps already); fails naming the timers seen.</summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> matches, string what, TimeSpan? patience = null) =>
        WaitForAsync((_, dueTime) => matches(dueTime), what, patience);

    /// <summary>
    /// Waits until more than <paramref name="count"/> timers have been started (perhaps already) and returns the due
    /// time of the next one after those: for a wait whose length the code picks itself (a back-off with jitter), read
    /// <see cref="TimersStarted"/>'s count, let the code reach the wait, then advance by what this returns.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAfterAsync(int count, string what, TimeSpan? patience = null) =>
        WaitForAsync((number, _) => number == count, what, patience);

    private async Task<TimeSpan> WaitForAsync(Func<int, TimeSpan, bool> matches, string what, TimeSpan? patience)
    {
        var seen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            for (var number = 0; number < _started.Count; number++)
            {
                if (matches(number, _started[number]))
                {
                    return _started[number];
                }
            }

            _watchers.Add((matches, seen));
        }

        try
        {
            return await seen.Task.WaitAsync(patience ?? DefaultPatience, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"Nothing started {what} on the fake clock within {(patience ?? DefaultPatience).TotalSeconds} s; " +
                $"timers started: [{string.Join(", ", TimersStarted.Select(t => t.TotalMilliseconds + " ms"))}].");
        }
    }

    /// <summary>
    /// A timer that reports each time it is set: a <see cref="CancellationTokenSource"/> made on this clock creates its
    /// timer never to fire and sets it later (<c>CancelAfter</c>), as pooled time limits do.
    /// </summary>
    private sealed class WatchedTimer(ITimer inner, WaitableFakeTime clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed)
            {
                clock.Started(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

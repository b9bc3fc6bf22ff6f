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
    private readonly List<(Func<TimeSpan, bool> Matches, TaskCompletionSource<TimeSpan> Seen)> _watchers = [];

    public WaitableFakeTime()
        : base(new DateTimeOffset(2026, 3, 2, 18, 41, 7, 100, TimeSpan.Zero))
    {
    }

    public WaitableFakeTime(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The due times of every timer started on this clock so far, oldest first.</summary>
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
        var timer = base.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource<TimeSpan>> seen;
        lock (_gate)
        {
            _started.Add(dueTime);
            seen = [.. _watchers.Where(w => w.Matches(dueTime)).Select(w => w.Seen)];
            _watchers.RemoveAll(w => seen.Contains(w.Seen));
        }

        seen.ForEach(s => s.TrySetResult(dueTime));
        return timer;
    }

    /// <summary>Waits until a timer of exactly <paramref name="dueTime"/> has been started (perhaps already).</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime, TimeSpan? patience = null) =>
        WaitForTimerAsync(d => d == dueTime, $"a wait of {dueTime.TotalMilliseconds} ms", patience);

    /// <summary>Waits until a timer whose due time matches has been started (perhaps already); fails naming the timers seen.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> matches, string what, TimeSpan? patience = null)
    {
        var seen = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var earlier = _started.FindIndex(d => matches(d));
            if (earlier >= 0)
            {
                return _started[earlier];
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
}

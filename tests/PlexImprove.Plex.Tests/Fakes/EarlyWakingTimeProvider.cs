namespace PlexImprove.Plex.Tests.Fakes;

/// <summary>
/// The system clock, with timers that fire a little before they are due, as monotonic timers can against the
/// wall clock. Proves that code waiting for a wall-clock moment checks the clock again instead of trusting the timer.
/// </summary>
public sealed class EarlyWakingTimeProvider(TimeSpan early) : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var shortened = dueTime > early ? dueTime - early : dueTime;
        return System.CreateTimer(callback, state, shortened, period);
    }
}

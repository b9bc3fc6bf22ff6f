namespace PlexImprove.Testing;

/// <summary>
/// The real clock, which a test can move forward at once. For code that mixes this process's clock with real time
/// elsewhere (a Python agent sleeping between requests while a fake site counts them): the test skips the wait for a
/// window to pass, and every interval measured across the skip looks that much longer, as it would after a real wait.
/// </summary>
internal sealed class SkippableClock : TimeProvider
{
    private long _skippedTicks;

    /// <summary>Moves the clock forward by <paramref name="span"/> without waiting.</summary>
    public void Skip(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        Interlocked.Add(ref _skippedTicks, span.Ticks);
    }

    private TimeSpan Skipped => TimeSpan.FromTicks(Interlocked.Read(ref _skippedTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Skipped;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Skipped.Ticks * (System.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    public override long TimestampFrequency => System.TimestampFrequency;
}

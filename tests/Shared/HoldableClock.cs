namespace PlexImprove.Testing;

/// <summary>
/// The real clock, which a test can hold still or move forward at once. For code that mixes this process's clock
/// with real time elsewhere (a Python agent sleeping between requests while a fake site counts them in a rate
/// window): holding the clock puts every request in one window however slow the machine is, skipping ends a
/// window without waiting for it, and in between the clock runs as the real one does.
/// </summary>
internal sealed class HoldableClock : TimeProvider
{
    private static readonly DateTimeOffset Start = System.GetUtcNow();
    private static readonly long StartTimestamp = System.GetTimestamp();

    private readonly Lock _gate = new();
    private TimeSpan _offset;
    private TimeSpan? _heldAt;

    /// <summary>Stops the clock where it is until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_gate)
        {
            _heldAt ??= Elapsed();
        }
    }

    /// <summary>Lets the clock run again from where it was held, as if no time had passed meanwhile.</summary>
    public void Release()
    {
        lock (_gate)
        {
            if (_heldAt is { } heldAt)
            {
                _offset = heldAt - Real();
                _heldAt = null;
            }
        }
    }

    /// <summary>Moves the clock forward by <paramref name="span"/> without waiting (held or running).</summary>
    public void Skip(TimeSpan span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        lock (_gate)
        {
            _offset += span;
            _heldAt += span;
        }
    }

    public override DateTimeOffset GetUtcNow() => Start + Now();

    public override long GetTimestamp() => Now().Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    private static TimeSpan Real() => System.GetElapsedTime(StartTimestamp);

    private TimeSpan Elapsed() => Real() + _offset;

    private TimeSpan Now()
    {
        lock (_gate)
        {
            return _heldAt ?? Elapsed();
        }
    }
}

namespace PlexImprove.Sandbox.Sites;

/// <summary>A sliding-window request counter: admits at most N requests in any window of the given length.</summary>
public sealed class RateWindow
{
    private readonly Queue<long> _admitted = new();
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    public RateWindow(int limit, TimeSpan window, TimeProvider time)
    {
        _limit = limit;
        _window = window;
        _time = time;
    }

    /// <summary>Counts the request and says whether it is within the limit (refused requests are not counted).</summary>
    public bool TryAdmit()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            while (_admitted.Count > 0 && _time.GetElapsedTime(_admitted.Peek(), now) >= _window)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= _limit)
            {
                return false;
            }

            _admitted.Enqueue(now);
            return true;
        }
    }
}

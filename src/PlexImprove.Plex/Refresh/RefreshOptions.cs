namespace PlexImprove.Plex.Refresh;

/// <summary>How a batch of refreshes runs.</summary>
public sealed class RefreshOptions
{
    /// <summary>Ask Plex to refresh even unchanged metadata (<c>force=1</c>). Default true.</summary>
    public bool Force { get; init; } = true;

    /// <summary>Wait for each refresh to finish. Default true.</summary>
    public bool Wait { get; init; } = true;

    /// <summary>How long one item may take before it counts as timed out. Default 120 s.</summary>
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Refreshes in flight at once (agents hit rate limits; Plex queues anyway). Default 4.</summary>
    public int MaxInFlight { get; init; } = 4;

    /// <summary>Polling period when the websocket is unavailable. Default 500 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Try the notifications websocket before polling. Default true.</summary>
    public bool UseWebSocket { get; init; } = true;
}

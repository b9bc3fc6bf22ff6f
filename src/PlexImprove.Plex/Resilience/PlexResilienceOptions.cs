namespace PlexImprove.Plex.Resilience;

/// <summary>How the Plex client retries and times out.</summary>
public sealed class PlexResilienceOptions
{
    /// <summary>Retries after the first attempt (connection errors, timeouts, 5xx, 429). Default 4.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First backoff delay; doubles per retry, with jitter. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of a computed backoff delay. Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest <c>Retry-After</c> the client waits for; a longer one is not retried (the answer is returned as it is). Default 60 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one attempt. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Told before every retry, with a line for a person ("Plex did not answer in 30 s — retry 2 of 5 in 1.1 s"), so a
    /// server that accepts connections but never answers is not met with minutes of silence. Default none.
    /// </summary>
    public Action<string>? OnRetry { get; init; }
}

namespace PlexImprove.Cli.Hosting;

/// <summary>Active testing (configuration section <c>Test</c>).</summary>
public sealed class TestSettings
{
    /// <summary>Items whose baseline sessions failed to refresh. Default 20 (<c>--items</c> overrides).</summary>
    public int FailedItems { get; set; } = 20;

    /// <summary>Items that succeeded in the baseline, refreshed to catch regressions. Default 5.</summary>
    public int ControlItems { get; set; } = 5;

    /// <summary>Success rate from which a fix is kept. Default 0.75.</summary>
    public double KeepThreshold { get; set; } = 0.75;

    /// <summary>Success rate from which a fix is monitored rather than rolled back. Default 0.50.</summary>
    public double MonitorThreshold { get; set; } = 0.50;

    /// <summary>A 95% interval wider than this many points is "too few items to tell". Default 40.</summary>
    public double MaxIntervalWidthPoints { get; set; } = 40;

    /// <summary>How long one item's refresh may take, in seconds, before it counts as timed out. Default 120.</summary>
    public double ItemTimeoutSeconds { get; set; } = 120;

    /// <summary>Refreshes in flight at once. Default 4.</summary>
    public int MaxInFlight { get; set; } = 4;

    /// <summary>Polling period when the websocket is unavailable, in milliseconds. Default 500.</summary>
    public int PollIntervalMilliseconds { get; set; } = 500;

    /// <summary>
    /// The longest a fix's live test waits, in seconds, for a site's Retry-After after the last 429 of the fix's agents,
    /// so a pacing fix is not measured inside the previous test's refusals. Default 60; 0 never waits.
    /// </summary>
    public double RetryAfterMaxWaitSeconds { get; set; } = 60;
}

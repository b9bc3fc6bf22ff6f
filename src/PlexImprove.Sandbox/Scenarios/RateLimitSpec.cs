namespace PlexImprove.Sandbox.Scenarios;

/// <summary>At most <see cref="Requests"/> requests in any <see cref="PerSeconds"/> window; more get 429.</summary>
public sealed class RateLimitSpec
{
    public int Requests { get; init; }

    public double PerSeconds { get; init; } = 1;

    /// <summary>The <c>Retry-After</c> header value sent with 429. Default 2.</summary>
    public int RetryAfterSeconds { get; init; } = 2;
}

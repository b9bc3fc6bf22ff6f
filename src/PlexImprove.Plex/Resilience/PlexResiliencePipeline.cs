using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PlexImprove.Plex.Resilience;

/// <summary>
/// Builds the Polly pipeline for Plex requests: jittered exponential retry on connection errors, timeouts,
/// 5xx and 429 (honouring <c>Retry-After</c>), never on 401/404 or other 4xx, around a per-attempt timeout.
/// </summary>
public static class PlexResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(PlexResilienceOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => IsTransient(r.StatusCode)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, options, timeProvider ?? TimeProvider.System)),
                OnRetry = args =>
                {
                    options.OnRetry?.Invoke(RetryLine(args.Outcome, args.AttemptNumber + 1, options.MaxRetries, args.RetryDelay, options.RequestTimeout));
                    return default;
                },
            });
        }

        return builder
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.RequestTimeout })
            .Build();
    }

    /// <summary>What went wrong with the last attempt and which retry comes next (1-based), for a person waiting.</summary>
    public static string RetryLine(Outcome<HttpResponseMessage> outcome, int retry, int maxRetries, TimeSpan delay, TimeSpan requestTimeout)
    {
        var what = outcome.Exception switch
        {
            TimeoutRejectedException => $"Plex did not answer in {requestTimeout.TotalSeconds:0.#} s",
            HttpRequestException e => $"Plex could not be reached ({e.HttpRequestError.ToString().ToLowerInvariant()})",
            { } e => $"The request to Plex failed ({e.GetType().Name})",
            null => $"Plex answered {(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}",
        };
        return System.FormattableString.Invariant($"{what} — retry {retry} of {maxRetries} in {delay.TotalSeconds:0.#} s");
    }

    /// <summary>Statuses worth another attempt: 408, 429 and every 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    // The server's Retry-After wins over the computed backoff; null falls back to the backoff.
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, PlexResilienceOptions options, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > options.MaxRetryAfter ? options.MaxRetryAfter : value;
    }
}

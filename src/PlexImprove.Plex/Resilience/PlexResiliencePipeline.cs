using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PlexImprove.Plex.Resilience;

/// <summary>
/// Builds the Polly pipeline for Plex requests: jittered exponential retry on connection errors, timeouts,
/// 5xx and 429 (honouring <c>Retry-After</c> up to its cap, see <see cref="RetryAfterPolicy"/>), never on 401/404 or other 4xx, around a per-attempt timeout.
/// </summary>
public static class PlexResiliencePipeline
{
    public static ResiliencePipeline<HttpResponseMessage> Create(PlexResilienceOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
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
                    .HandleResult(r => RetryAfterPolicy.ShouldRetry(r, options.MaxRetryAfter, time)),

                // The server's Retry-After (within the cap, see RetryAfterPolicy) wins over the computed backoff.
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfterPolicy.Requested(args.Outcome.Result, time)),
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

    /// <summary>Statuses worth another attempt (see <see cref="RetryAfterPolicy.IsTransient"/>).</summary>
    public static bool IsTransient(HttpStatusCode status) => RetryAfterPolicy.IsTransient(status);
}

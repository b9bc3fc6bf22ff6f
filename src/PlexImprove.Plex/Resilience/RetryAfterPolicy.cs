using System.Net;

namespace PlexImprove.Plex.Resilience;

/// <summary>
/// The one retry rule of every HTTP client of the program (Plex, the agents' sites, the model endpoint, the webhook):
/// 408, 429 and 5xx are worth another attempt; a server's <c>Retry-After</c> (seconds or an HTTP date, read on the
/// given clock) is waited for when it is no longer than the caller's cap, and a longer one is not retried at all, so a
/// server asking for an hour gets a clear refusal instead of a call that stalls or hammers it early.
/// </summary>
public static class RetryAfterPolicy
{
    /// <summary>Statuses worth another attempt: 408, 429 and every 5xx.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait <paramref name="response"/> asks for, never negative; null when it sets no <c>Retry-After</c>.</summary>
    public static TimeSpan? Requested(HttpResponseMessage? response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (response?.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        TimeSpan? wait = header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>The wait <paramref name="response"/> asks for when it is longer than <paramref name="cap"/> (so it is not retried); null otherwise.</summary>
    public static TimeSpan? BeyondCap(HttpResponseMessage? response, TimeSpan cap, TimeProvider time) =>
        Requested(response, time) is { } wait && wait > cap ? wait : null;

    /// <summary>Whether <paramref name="response"/> is worth another attempt under a cap of <paramref name="cap"/> on its <c>Retry-After</c>.</summary>
    public static bool ShouldRetry(HttpResponseMessage response, TimeSpan cap, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        return IsTransient(response.StatusCode) && BeyondCap(response, cap, time) is null;
    }
}

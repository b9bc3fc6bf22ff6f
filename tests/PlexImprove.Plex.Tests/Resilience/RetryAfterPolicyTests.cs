using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using PlexImprove.Plex.Resilience;

namespace PlexImprove.Plex.Tests.Resilience;

/// <summary>The one retry rule every HTTP client follows: Retry-After read on the injected clock, waited for up to a cap, never beyond.</summary>
public sealed class RetryAfterPolicyTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero));

    private static HttpResponseMessage Answer(HttpStatusCode status, RetryConditionHeaderValue? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }

    [Fact]
    public void RetryAfterAsADate_IsReadOnTheInjectedClock()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(Time.GetUtcNow().AddSeconds(42)));

        Assert.Equal(TimeSpan.FromSeconds(42), RetryAfterPolicy.Requested(response, Time));
    }

    [Fact]
    public void RetryAfterWithinTheCap_IsRetried_BeyondIt_IsNot()
    {
        using var shortWait = Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(TimeSpan.FromSeconds(10)));
        using var longWait = Answer(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(TimeSpan.FromHours(1)));

        Assert.True(RetryAfterPolicy.ShouldRetry(shortWait, TimeSpan.FromSeconds(60), Time));
        Assert.False(RetryAfterPolicy.ShouldRetry(longWait, TimeSpan.FromSeconds(60), Time));
        Assert.Equal(TimeSpan.FromHours(1), RetryAfterPolicy.BeyondCap(longWait, TimeSpan.FromSeconds(60), Time));
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void OnlyTransientStatusesAreRetried(HttpStatusCode status, bool retried)
    {
        using var response = Answer(status);

        Assert.Equal(retried, RetryAfterPolicy.ShouldRetry(response, TimeSpan.FromSeconds(60), Time));
    }

    [Fact]
    public void RetryAfterInThePast_IsNoWait()
    {
        using var response = Answer(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(Time.GetUtcNow().AddSeconds(-5)));

        Assert.Equal(TimeSpan.Zero, RetryAfterPolicy.Requested(response, Time));
    }
}

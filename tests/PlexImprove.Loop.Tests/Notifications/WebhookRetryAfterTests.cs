using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PlexImprove.Loop.Notifications;

namespace PlexImprove.Loop.Tests.Notifications;

/// <summary>The webhook follows the program's one retry rule: a receiver's Retry-After is waited for up to a cap, a longer one ends the sending.</summary>
public sealed class WebhookRetryAfterTests
{
    [Fact]
    public async Task Notify_429WithAShortRetryAfter_WaitsThatLongOnItsClock_ThenDelivers()
    {
        int calls = 0;
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartReceiverAsync(http =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                http.Response.StatusCode = (int)HttpStatusCode.TooManyRequests;
                http.Response.Headers.RetryAfter = "7";
                return Task.CompletedTask;
            }

            http.Response.StatusCode = (int)HttpStatusCode.NoContent;
            delivered.TrySetResult();
            return Task.CompletedTask;
        });
        var time = new WaitableFakeTime();
        using var notifier = new WebhookNotifier(new Uri(app.Urls.First() + "/hook"), time: time);

        notifier.Notify(new RunNotification { Event = "finished", WorkDir = "/w" });
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Equal(1, calls);
        time.Advance(TimeSpan.FromSeconds(7));
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(2, calls);
        Assert.Equal(["attempt 1: HTTP 429"], notifier.Failures);
    }

    [Fact]
    public async Task Notify_RetryAfterBeyondTheCap_IsNotRetried_AndSaysWhy()
    {
        int calls = 0;
        await using var app = await StartReceiverAsync(http =>
        {
            Interlocked.Increment(ref calls);
            http.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            http.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        var time = new WaitableFakeTime();
        using var notifier = new WebhookNotifier(new Uri(app.Urls.First() + "/hook"), time: time);

        notifier.Notify(new RunNotification { Event = "failed", WorkDir = "/w" });
        await notifier.FlushAsync(TimeSpan.FromSeconds(30)).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
        Assert.Equal(["attempt 1: HTTP 503, asked to wait 3600 s (Retry-After), longer than the 30 s waited for; not retried"], notifier.Failures);
    }

    private static async Task<WebApplication> StartReceiverAsync(RequestDelegate hook)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", hook);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}

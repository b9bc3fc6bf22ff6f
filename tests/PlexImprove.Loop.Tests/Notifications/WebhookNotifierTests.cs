using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PlexImprove.Loop.Notifications;

namespace PlexImprove.Loop.Tests.Notifications;

/// <summary>Against a real loopback receiver, on a fake clock: the pauses and time limits pass when the test says so.</summary>
public sealed class WebhookNotifierTests
{
    [Fact]
    public async Task Notify_ServerFailsTwice_PausesOneThenTwoSecondsOnItsClock_ThenDelivers()
    {
        int calls = 0;
        string? body = null;
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartReceiverAsync(async http =>
        {
            if (Interlocked.Increment(ref calls) < 3)
            {
                http.Response.StatusCode = 503;
                return;
            }

            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
            http.Response.StatusCode = (int)HttpStatusCode.NoContent;
            delivered.TrySetResult();
        });
        var time = new WaitableFakeTime();
        using var notifier = new WebhookNotifier(new Uri(app.Urls.First() + "/hook"), time: time);

        notifier.Notify(new RunNotification { Event = "finished", WorkDir = "/w", ExitCondition = "target", FinalSuccess = 0.9 });
        await time.WaitForTimerAsync(WebhookNotifier.DefaultFirstPause);
        Assert.Equal(1, calls);
        time.Advance(WebhookNotifier.DefaultFirstPause);
        await time.WaitForTimerAsync(WebhookNotifier.DefaultFirstPause * 2);
        Assert.Equal(2, calls);
        time.Advance(WebhookNotifier.DefaultFirstPause * 2);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await notifier.FlushAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, calls);
        Assert.Contains("\"exitCondition\":\"target\"", body, StringComparison.Ordinal);
        Assert.Equal(["attempt 1: HTTP 503", "attempt 2: HTTP 503"], notifier.Failures);
    }

    [Fact]
    public async Task Flush_AReceiverThatNeverAnswers_ReturnsWhenItsTimeLimitPassesOnTheClock()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartReceiverAsync(async http =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted);
        });
        var time = new WaitableFakeTime();
        using var notifier = new WebhookNotifier(new Uri(app.Urls.First() + "/hook"), time: time);
        notifier.Notify(new RunNotification { Event = "failed", WorkDir = "/w" });
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var flush = notifier.FlushAsync(TimeSpan.FromSeconds(5));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        Assert.False(flush.IsCompleted, "the flush returned before its time limit while the send was still waiting");
        time.Advance(TimeSpan.FromSeconds(5));

        await flush.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
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

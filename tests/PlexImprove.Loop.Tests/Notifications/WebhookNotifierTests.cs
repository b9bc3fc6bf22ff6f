using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using PlexImprove.Loop.Notifications;

namespace PlexImprove.Loop.Tests.Notifications;

/// <summary>Against a real loopback server that fails the first attempts.</summary>
public sealed class WebhookNotifierTests
{
    [Fact]
    public async Task Notify_ServerFailsTwice_IsRetriedAndDeliveredWithoutBlocking()
    {
        int calls = 0;
        string? body = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            if (Interlocked.Increment(ref calls) < 3)
            {
                http.Response.StatusCode = 503;
                return;
            }

            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
            http.Response.StatusCode = (int)HttpStatusCode.NoContent;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var notifier = new WebhookNotifier(new Uri(app.Urls.First() + "/hook"), firstPause: TimeSpan.FromMilliseconds(10));

        notifier.Notify(new RunNotification { Event = "finished", WorkDir = "/w", ExitCondition = "target", FinalSuccess = 0.9 });
        await notifier.FlushAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, calls);
        Assert.Contains("\"exitCondition\":\"target\"", body, StringComparison.Ordinal);
        Assert.Equal(2, notifier.Failures.Count);
    }
}

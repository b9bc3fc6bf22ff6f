using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

public sealed class PmsEmulatorTests
{
    [Fact]
    public async Task RequestWithoutToken_Gets401WithAnHtmlBody_ButIdentityNeedsNone()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var anonymous = new HttpClient { BaseAddress = run.Http.BaseAddress };
        anonymous.DefaultRequestHeaders.Add("Accept", "application/json");

        using var denied = await anonymous.GetAsync("/library/sections", TestContext.Current.CancellationToken);
        using var identity = await anonymous.GetAsync("/identity", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.StartsWith("<html>", await denied.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
    }

    [Fact]
    public async Task Sections_AreJsonWhenAskedFor_AndXmlOtherwise()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var xmlClient = new HttpClient { BaseAddress = run.Http.BaseAddress };
        xmlClient.DefaultRequestHeaders.Add("X-Plex-Token", "test-token");

        var json = JsonDocument.Parse(await run.Http.GetStringAsync("/library/sections", TestContext.Current.CancellationToken));
        var xml = XDocument.Parse(await xmlClient.GetStringAsync("/library/sections", TestContext.Current.CancellationToken));

        var directory = json.RootElement.GetProperty("MediaContainer").GetProperty("Directory")[0];
        Assert.Equal(TestScenario.Identifier, directory.GetProperty("agent").GetString());
        Assert.False(directory.GetProperty("refreshing").GetBoolean());
        Assert.Equal(TestScenario.Identifier, xml.Root!.Element("Directory")!.Attribute("agent")!.Value);
    }

    [Fact]
    public async Task SectionAll_PagesWithContainerHeaders_AndFiltersByTitle()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 5);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/library/sections/1/all");
        request.Headers.Add("X-Plex-Container-Start", "2");
        request.Headers.Add("X-Plex-Container-Size", "2");

        using var page = await run.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var container = JsonDocument.Parse(await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("MediaContainer");
        var filtered = JsonDocument.Parse(await run.Http.GetStringAsync("/library/sections/1/all?title=Film%204", TestContext.Current.CancellationToken)).RootElement.GetProperty("MediaContainer");

        Assert.Equal(2, container.GetProperty("size").GetInt32());
        Assert.Equal(5, container.GetProperty("totalSize").GetInt32());
        Assert.Equal(2, container.GetProperty("offset").GetInt32());
        Assert.Equal("3", container.GetProperty("Metadata")[0].GetProperty("ratingKey").GetString());
        Assert.Equal("4", Assert.Single(filtered.GetProperty("Metadata").EnumerateArray()).GetProperty("ratingKey").GetString());
    }

    [Fact]
    public async Task UnknownRatingKey_Is404()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        using var response = await run.Http.PutAsync("/library/metadata/999/refresh", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_AnnouncesActivityStartedUpdatedEnded_AndTimelineStateFive_OnTheWebsocket()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        using var socket = new ClientWebSocket();
        var ct = TestContext.Current.CancellationToken;
        await socket.ConnectAsync(new Uri(run.Host.Connection.Url.Replace("http", "ws", StringComparison.Ordinal) + "/:/websockets/notifications?X-Plex-Token=test-token"), ct);

        await Eventually.TrueAsync(() => run.Host.Notifications.ClientCount > 0, "the emulator registered the websocket client");

        using var put = await run.Http.PutAsync("/library/metadata/2/refresh", null, ct);
        var events = new List<string>();
        var buffer = new byte[16 * 1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (!events.Contains("timeline:5"))
        {
            var received = await socket.ReceiveAsync(buffer, timeout.Token);
            var container = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement.GetProperty("NotificationContainer");
            if (container.GetProperty("type").GetString() == "activity")
            {
                var notification = container.GetProperty("ActivityNotification")[0];
                Assert.Equal("/library/metadata/2", notification.GetProperty("Activity").GetProperty("Context").GetProperty("key").GetString());
                Assert.Equal("library.refresh.items", notification.GetProperty("Activity").GetProperty("type").GetString());
                events.Add("activity:" + notification.GetProperty("event").GetString());
            }
            else
            {
                var entry = container.GetProperty("TimelineEntry")[0];
                Assert.Equal("2", entry.GetProperty("itemID").GetString());
                events.Add("timeline:" + entry.GetProperty("state").GetInt32());
            }
        }

        Assert.Equal(["activity:started", "timeline:1", "activity:updated", "activity:ended", "timeline:5"], events);
    }

    [Fact]
    public async Task RunningRefresh_IsListedInActivities_UntilItEnds()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent, behaviours: new { delayMs = 700 }, items: 1);
        var time = new WaitableFakeTime(DateTimeOffset.UtcNow);
        await using var run = await SandboxRun.StartAsync(scenario.Root, time: time);
        var ct = TestContext.Current.CancellationToken;

        // The site holds the agent's request until the sandbox's clock passes its delay: the refresh is surely running.
        using var put = await run.Http.PutAsync("/library/metadata/1/refresh", null, ct);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(700));
        var during = JsonDocument.Parse(await run.Http.GetStringAsync("/activities", ct)).RootElement.GetProperty("MediaContainer");
        time.Advance(TimeSpan.FromMilliseconds(700));
        await run.WaitIdleAsync();
        var after = JsonDocument.Parse(await run.Http.GetStringAsync("/activities", ct)).RootElement.GetProperty("MediaContainer");

        var activity = Assert.Single(during.GetProperty("Activity").EnumerateArray());
        Assert.Equal("library.refresh.items", activity.GetProperty("type").GetString());
        Assert.Equal("/library/metadata/1", activity.GetProperty("Context").GetProperty("key").GetString());
        Assert.Equal(0, after.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task PortInUse_FailsWithBadInputNamingThePort()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var first = await SandboxRun.StartAsync(scenario.Root);
        var port = new Uri(first.Host.Connection.Url).Port;

        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<SandboxPortInUseException>(() => SandboxHost.StartAsync(
            new SandboxOptions { ScenarioRoot = scenario.Root, Dir = Path.Combine(Path.GetTempPath(), "sandbox-port-" + Guid.NewGuid().ToString("N")[..8]), Port = port },
            python, TimeProvider.System, TestContext.Current.CancellationToken));

        Assert.Equal(PlexImprove.Core.Errors.FailureKind.BadInput, error.Kind);
        Assert.Contains($"Port {port}", error.Message, StringComparison.Ordinal);
    }
}

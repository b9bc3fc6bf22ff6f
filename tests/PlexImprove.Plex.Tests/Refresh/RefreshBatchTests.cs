using System.Text.Json;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Models;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Tests.Fakes;

namespace PlexImprove.Plex.Tests.Refresh;

public sealed class RefreshBatchTests : IAsyncLifetime
{
    private FakePlexServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakePlexServer.StartAsync();
        foreach (var rk in new[] { "1", "2", "3" })
        {
            _server.AddItem(rk);
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static RefreshOptions Options(TimeSpan? timeout = null, int inFlight = 4, bool webSocket = true) => new()
    {
        ItemTimeout = timeout ?? TimeSpan.FromSeconds(20),
        MaxInFlight = inFlight,
        PollInterval = TimeSpan.FromMilliseconds(50),
        UseWebSocket = webSocket,
    };

    [Fact]
    public async Task Refresh_WithWebSocket_CompletesWhenTheActivityEnds()
    {
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, Options()).RunAsync(["1", "2", "3"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CompletionMode.WebSocket, result.CompletionMode);
        Assert.All(result.Items, i => Assert.Equal(RefreshStatus.Completed, i.Status));
        Assert.All(result.Items, i => Assert.Equal("websocket activity ended", i.CompletedBy));
        Assert.All(result.Items, i => Assert.Equal(RefreshRoute.Item, i.Route));
        Assert.Equal(3, _server.RequestPaths("PUT").Count(p => p.EndsWith("/refresh?force=1", StringComparison.Ordinal)));
        Assert.Empty(result.Notes);
    }

    [Fact]
    public async Task Refresh_OfAnItemUpdatedThisSecond_WaitsForALaterSecond_SoUpdatedAtCanAdvance()
    {
        // 100 ms into a second: without the wait the refresh would land in the item's own second.
        var time = new WaitableFakeTime(new DateTimeOffset(2026, 3, 2, 18, 41, 7, 100, TimeSpan.Zero));
        _server.RefreshDuration = TimeSpan.Zero;
        using var client = TestClients.OnClock(_server, time);
        var item = _server.Items["1"];
        item.UpdatedAt = time.GetUtcNow().ToUnixTimeSeconds();
        long before = item.UpdatedAt;

        var run = new RefreshBatch(client, Options()).RunAsync(["1"], cancellationToken: TestContext.Current.CancellationToken);
        var wait = await time.WaitForTimerAsync(d => d > TimeSpan.FromMilliseconds(850) && d <= TimeSpan.FromSeconds(1), "a wait for the next second");
        Assert.Empty(_server.RequestPaths("PUT"));
        time.Advance(wait);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        var refreshed = Assert.Single(result.Items);
        Assert.Equal(RefreshStatus.Completed, refreshed.Status);
        Assert.Equal(before, refreshed.UpdatedAtBefore);
        Assert.Equal(before + 1, refreshed.RequestedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(before + 1, _server.Items["1"].UpdatedAt);
    }

    [Fact]
    public async Task Refresh_OfAnItemUpdatedThisSecond_StillWaits_WhenTimersWakeEarly()
    {
        _server.RefreshDuration = TimeSpan.Zero;
        using var client = new PlexClient(
            new PlexClientOptions { BaseUrl = _server.Url, Token = FakePlexServer.Token, ClientIdentifier = "test-client-0001", Resilience = TestClients.FastRetries() },
            timeProvider: new EarlyWakingTimeProvider(TimeSpan.FromMilliseconds(40)));
        var item = _server.Items["1"];
        item.UpdatedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long before = item.UpdatedAt;

        var result = await new RefreshBatch(client, Options()).RunAsync(["1"], cancellationToken: TestContext.Current.CancellationToken);

        var refreshed = Assert.Single(result.Items);
        Assert.True(refreshed.RequestedAt!.Value.ToUnixTimeSeconds() > before, "the refresh was requested in the same second as the last update");
    }

    [Fact]
    public async Task Refresh_TimelineStateFive_CountsAsFinished()
    {
        _server.NotifyWithTimeline = true;
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, Options()).RunAsync(["2"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("websocket timeline state 5", Assert.Single(result.Items).CompletedBy);
    }

    [Fact]
    public async Task Refresh_WebSocketRefused_FallsBackToPolling_AndSaysSoOnce()
    {
        _server.WebSocketRefused = true;
        _server.RefreshDuration = TimeSpan.FromMilliseconds(300);
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, Options()).RunAsync(["1", "2", "3"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CompletionMode.Polling, result.CompletionMode);
        Assert.All(result.Items, i => Assert.Equal(RefreshStatus.Completed, i.Status));
        Assert.All(result.Items, i => Assert.StartsWith("polling", i.CompletedBy, StringComparison.Ordinal));
        Assert.Contains("polling", Assert.Single(result.Notes), StringComparison.Ordinal);
        Assert.DoesNotContain(FakePlexServer.Token, Assert.Single(result.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_WebSocketThatNeverNotifies_StillEndsByUpdatedAt()
    {
        _server.SilentWebSocket = true;
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, Options()).RunAsync(["1"], cancellationToken: TestContext.Current.CancellationToken);

        var item = Assert.Single(result.Items);
        Assert.Equal(CompletionMode.WebSocket, result.CompletionMode);
        Assert.Equal(RefreshStatus.Completed, item.Status);
        Assert.Equal("polling: updatedAt advanced", item.CompletedBy);
    }

    [Fact]
    public async Task Refresh_ItemRouteAnswers404_RefreshesTheItemsFolderInstead()
    {
        _server.ItemRefreshNotFound = true;
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, Options()).RunAsync(["1"], cancellationToken: TestContext.Current.CancellationToken);

        var item = Assert.Single(result.Items);
        Assert.Equal(RefreshRoute.Folder, item.Route);
        Assert.Equal(RefreshStatus.Completed, item.Status);
        var (section, path) = Assert.Single(_server.FolderRefreshes);
        Assert.Equal("1", section);
        Assert.Equal("/media/movies/Some Movie (2001)", path);
    }

    [Fact]
    public async Task Refresh_ThatNeverFinishes_IsTimedOut_AndTheOthersStillComplete()
    {
        // The items' time limit runs on a fake clock, moved past it only once the other two have finished: however
        // slow the machine, only the item that never finishes can time out.
        _server.NeverFinish.Add("2");
        var time = new WaitableFakeTime();
        using var client = TestClients.OnClock(_server, time);
        var reports = new List<RefreshProgress>();
        var limit = TimeSpan.FromSeconds(20);

        var run = new RefreshBatch(client, Options(timeout: limit)).RunAsync(["1", "2", "3"], new SyncProgress(reports), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => { lock (reports) { return reports.Count == 2; } }, "items 1 and 3 finished");
        time.Advance(limit);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal([RefreshStatus.Completed, RefreshStatus.TimedOut, RefreshStatus.Completed], result.Items.Select(i => i.Status));
        Assert.Null(result.Items[1].CompletedBy);
        Assert.Equal("Plex did not report the refresh finished within 20 s.", result.Items[1].Error);
    }

    [Fact]
    public async Task Refresh_ThatNeverFinishes_WhilePolling_IsTimedOut()
    {
        _server.WebSocketRefused = true;
        _server.NeverFinish.Add("1");
        var time = new WaitableFakeTime(DateTimeOffset.UtcNow);
        using var client = TestClients.OnClock(_server, time);
        var limit = TimeSpan.FromSeconds(20);

        var run = new RefreshBatch(client, Options(timeout: limit)).RunAsync(["1"], cancellationToken: TestContext.Current.CancellationToken);
        time.Advance(await time.WaitForTimerAsync(limit));
        var result = await run.WaitAsync(WaitableFakeTime.DefaultPatience, TestContext.Current.CancellationToken);

        var item = Assert.Single(result.Items);
        Assert.Equal(RefreshStatus.TimedOut, item.Status);
        Assert.Equal("Plex did not report the refresh finished within 20 s.", item.Error);
    }

    [Fact]
    public async Task Refresh_UnknownRatingKey_IsListed_AndTheRestRefreshed()
    {
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, Options()).RunAsync(["1", "404404", "3"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([RefreshStatus.Completed, RefreshStatus.NotFound, RefreshStatus.Completed], result.Items.Select(i => i.Status));
        Assert.Equal("404404", result.Items[1].RatingKey);
    }

    [Fact]
    public async Task Refresh_KeepsAtMostMaxInFlightRefreshesRunning()
    {
        for (int i = 10; i < 18; i++)
        {
            _server.AddItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _server.RefreshDuration = TimeSpan.FromMilliseconds(100);
        using var client = TestClients.For(_server);
        var keys = Enumerable.Range(10, 8).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var reports = new List<RefreshProgress>();

        var result = await new RefreshBatch(client, Options(inFlight: 2)).RunAsync(keys, new SyncProgress(reports), TestContext.Current.CancellationToken);

        Assert.All(result.Items, i => Assert.Equal(RefreshStatus.Completed, i.Status));
        Assert.InRange(_server.MaxConcurrentRefreshes, 1, 2);
        Assert.Equal(Enumerable.Range(1, 8), reports.Select(r => r.Done).Order());
        Assert.All(reports, r => Assert.InRange(r.InFlight, 0, 1));
        Assert.Contains(reports, r => r.InFlight == 1);
        Assert.Contains(reports, r => r.InFlight == 0);
    }

    [Fact]
    public async Task Refresh_WithoutWait_OnlyRequests()
    {
        using var client = TestClients.For(_server);

        var result = await new RefreshBatch(client, new RefreshOptions { Wait = false, Force = false }).RunAsync(["1"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(RefreshStatus.Requested, Assert.Single(result.Items).Status);
        Assert.Null(result.CompletionMode);
        Assert.Contains("/library/metadata/1/refresh", _server.RequestPaths("PUT"));
    }

    [Fact]
    public async Task RefreshResults_NeverContainTheToken()
    {
        _server.WebSocketRefused = true;
        _server.NeverFinish.Add("3");
        var time = new WaitableFakeTime(DateTimeOffset.UtcNow);
        using var client = TestClients.OnClock(_server, time);
        var reports = new List<RefreshProgress>();
        var limit = TimeSpan.FromSeconds(20);

        // Polls run on the fake clock too: one poll after item 1 has finished sees it, then the limit ends item 3.
        var run = new RefreshBatch(client, Options(timeout: limit)).RunAsync(["1", "3", "77"], new SyncProgress(reports), TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => _server.FinishedAt.ContainsKey("1"), "the server finished refreshing item 1");
        time.Advance(Options().PollInterval);
        await Eventually.TrueAsync(() => { lock (reports) { return reports.Any(r => r.Last.RatingKey == "1"); } }, "a poll saw item 1 finish");
        time.Advance(limit);
        var result = await run.WaitAsync(WaitableFakeTime.DefaultPatience, TestContext.Current.CancellationToken);

        string json = JsonSerializer.Serialize(result, PlexJson.Write);
        Assert.DoesNotContain(FakePlexServer.Token, json, StringComparison.Ordinal);
        Assert.Contains("notFound", json, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(List<RefreshProgress> reports) : IProgress<RefreshProgress>
    {
        public void Report(RefreshProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}

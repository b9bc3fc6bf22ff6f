using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class PageFetcherTests : IAsyncLifetime
{
    private FakeSites _sites = null!;

    public async ValueTask InitializeAsync() => _sites = await FakeSites.StartAsync();

    public async ValueTask DisposeAsync() => await _sites.DisposeAsync();

    private PageFetcher CreateSut(TimeSpan? attemptTimeout = null, int retries = 2, TimeProvider? time = null) => new(new PageFetcherOptions
    {
        HostOverrides = _sites.Overrides,
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromSeconds(3),
    }, time);

    [Fact]
    public async Task Fetch_OverriddenHost_ReachesLoopbackWithTheOriginalHostHeader()
    {
        using var fetcher = CreateSut();

        var page = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://echo.example/search?q=Dune") }, TestContext.Current.CancellationToken);

        Assert.Equal(200, page.Status);
        Assert.Contains("<h1>echo.example/search?q=Dune</h1>", page.Body, StringComparison.Ordinal);
        Assert.Null(page.Error);
    }

    [Fact]
    public async Task Fetch_WithoutBrowserHeaders_Gets403_WithBrowserHeaders_Gets200()
    {
        using var fetcher = CreateSut();

        var denied = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://films.example/search?q=Dune") }, TestContext.Current.CancellationToken);
        var served = await fetcher.FetchAsync(new PageRequest
        {
            Url = new Uri("http://films.example/search?q=Dune"),
            Headers = new Dictionary<string, string> { ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0" },
        }, TestContext.Current.CancellationToken);

        Assert.Equal(403, denied.Status);
        Assert.Contains("Access denied", denied.Body, StringComparison.Ordinal);
        Assert.Equal(1 + 1, _sites.Hits("films.example"));
        Assert.Equal(200, served.Status);
        Assert.Contains("Dune: Part Two", served.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_429WithShortRetryAfter_WaitsThatLongOnItsClock_ThenRetries()
    {
        var time = new WaitableFakeTime();
        using var fetcher = CreateSut(time: time);

        var fetch = fetcher.FetchAsync(new PageRequest { Url = new Uri("http://busy.example/") }, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _sites.Hits("busy.example"));
        time.Advance(TimeSpan.FromSeconds(1));
        var page = await fetch.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(200, page.Status);
        Assert.Equal(2, _sites.Hits("busy.example"));
        Assert.Equal(TimeSpan.FromSeconds(1), page.Elapsed);
    }

    [Fact]
    public async Task Fetch_429WithRetryAfterAboveTheCap_ReturnsThe429AtOnce()
    {
        _sites.BusyRetryAfterSeconds = 120;
        using var fetcher = CreateSut();

        var page = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://busy.example/") }, TestContext.Current.CancellationToken);

        Assert.Equal(429, page.Status);
        Assert.Equal("120", page.Headers["Retry-After"]);
        Assert.Equal(1, _sites.Hits("busy.example"));
    }

    [Fact]
    public async Task Fetch_SlowSite_TimesOutWithAReadableError()
    {
        var time = new WaitableFakeTime();
        var limit = TimeSpan.FromMilliseconds(300);
        using var fetcher = CreateSut(attemptTimeout: limit, retries: 1, time: time);

        var fetch = fetcher.FetchAsync(new PageRequest { Url = new Uri("http://slow.example/") }, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(limit);
        await Eventually.TrueAsync(() => _sites.Hits("slow.example") == 1, "the first attempt reached the site");
        var started = time.TimersStarted.Count;
        time.Advance(limit);
        time.Advance(await time.WaitForTimerAfterAsync(started, "the back-off before the retry"));
        await Eventually.TrueAsync(() => _sites.Hits("slow.example") == 2, "the retry reached the site");
        Assert.Equal(limit, await time.WaitForTimerAfterAsync(started + 1, "the retry's time limit"));
        time.Advance(limit);
        var page = await fetch.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(0, page.Status);
        Assert.Equal("No answer within 0.3 s per attempt, 2 attempt(s) (timed out).", page.Error);
        Assert.Equal(2, _sites.Hits("slow.example"));
    }

    [Fact]
    public async Task Fetch_RequestTimeout_StopsTheWholeFetch()
    {
        var time = new WaitableFakeTime();
        var limit = TimeSpan.FromMilliseconds(300);
        using var fetcher = CreateSut(time: time);

        var fetch = fetcher.FetchAsync(new PageRequest { Url = new Uri("http://slow.example/"), Timeout = limit }, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(limit);
        time.Advance(limit);
        var page = await fetch.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal("No answer within 0.3 s (timed out).", page.Error);
    }

    [Fact]
    public async Task Fetch_BodyOverTheCap_IsCutAndMarkedTruncated()
    {
        using var fetcher = new PageFetcher(new PageFetcherOptions { HostOverrides = _sites.Overrides, MaxBodyBytes = 1000 });

        var page = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://big.example/") }, TestContext.Current.CancellationToken);

        Assert.True(page.Truncated);
        Assert.Equal(1000, page.Body.Length);
    }

    [Fact]
    public async Task Fetch_NothingListening_SaysItCouldNotConnect()
    {
        using var fetcher = new PageFetcher(new PageFetcherOptions
        {
            HostOverrides = new Dictionary<string, Uri> { ["down.example"] = new("http://127.0.0.1:9/") },
            MaxRetries = 0,
        });

        var page = await fetcher.FetchAsync(new PageRequest { Url = new Uri("http://down.example/") }, TestContext.Current.CancellationToken);

        Assert.StartsWith("Could not connect to down.example: ", page.Error, StringComparison.Ordinal);
    }
}

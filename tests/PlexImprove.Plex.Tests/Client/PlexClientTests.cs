using System.Net;
using System.Net.Sockets;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Errors;
using PlexImprove.Plex.Tests.Fakes;

namespace PlexImprove.Plex.Tests.Client;

public sealed class PlexClientTests : IAsyncLifetime
{
    private FakePlexServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakePlexServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetIdentity_AsksForJson_AndSendsTheClientHeaders()
    {
        using var client = TestClients.For(_server);

        var identity = await client.GetIdentityAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FakePlexServer.MachineIdentifier, identity.MachineIdentifier);
        Assert.Equal(FakePlexServer.Version, identity.Version);
        var headers = _server.Requests.Single().Headers;
        Assert.Contains("application/json", headers["Accept"], StringComparison.Ordinal);
        Assert.Equal("test-client-0001", headers["X-Plex-Client-Identifier"]);
        Assert.Equal("PlexImproveAgent", headers["X-Plex-Product"]);
        Assert.Equal(FakePlexServer.Token, headers["X-Plex-Token"]);
    }

    [Fact]
    public async Task ServerAnsweringXml_GivesAClearError()
    {
        _server.AlwaysXml = true;
        using var client = TestClients.For(_server);

        var e = await Assert.ThrowsAsync<PlexRequestFailedException>(() => client.GetSectionsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("XML or HTML instead of JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSections_ReadsTheAgentOfEachSection()
    {
        _server.Sections.Add(("2", "Adult", "com.plexapp.agents.iafd"));
        using var client = TestClients.For(_server);

        var sections = await client.GetSectionsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["com.plexapp.agents.imdb", "com.plexapp.agents.iafd"], sections.Select(s => s.Agent));
        Assert.Equal("/media/movies", sections[0].Locations.Single().Path);
    }

    [Fact]
    public async Task GetSectionItems_FollowsPagesUntilTotalSize_AndCopiesTheContainerSectionId()
    {
        for (int i = 1; i <= 5; i++)
        {
            _server.AddItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _server.MaxPageSize = 2;
        using var client = TestClients.For(_server, pageSize: 50);

        var items = await client.GetSectionItemsAsync("1", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["1", "2", "3", "4", "5"], items.Select(i => i.RatingKey));
        Assert.All(items, i => Assert.Equal("1", i.LibrarySectionId));
        Assert.Equal(3, _server.RequestPaths("GET").Count(p => p.StartsWith("/library/sections/1/all", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetSectionItems_TitleFilter_IsSentToTheServer()
    {
        _server.AddItem("1", "Alien");
        _server.AddItem("2", "Aliens");
        _server.AddItem("3", "Heat");
        using var client = TestClients.For(_server);

        var items = await client.GetSectionItemsAsync("1", "alien", TestContext.Current.CancellationToken);

        Assert.Equal(["Alien", "Aliens"], items.Select(i => i.Title));
    }

    [Fact]
    public async Task GetStatus_ListsSectionsWithAgentsAndItemCounts()
    {
        _server.AddItem("1");
        _server.AddItem("2");
        _server.AddItem("3", sectionId: "2");
        _server.Sections.Add(("2", "Adult", "com.plexapp.agents.iafd"));
        using var client = TestClients.For(_server);

        var status = await client.GetStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FakePlexServer.Version, status.Version);
        Assert.Equal([("1", "com.plexapp.agents.imdb", 2), ("2", "com.plexapp.agents.iafd", 1)], status.Sections.Select(s => (s.Key, s.Agent, s.Items)));
        Assert.DoesNotContain(FakePlexServer.Token, status.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountSectionItems_ReadsTotalSize()
    {
        _server.AddItem("1");
        _server.AddItem("2");
        using var client = TestClients.For(_server);

        Assert.Equal(2, await client.CountSectionItemsAsync("1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetItem_UnknownRatingKey_ReturnsNull_WithoutRetrying()
    {
        using var client = TestClients.For(_server);

        var item = await client.GetItemAsync("999", TestContext.Current.CancellationToken);

        Assert.Null(item);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetItem_ReadsRatingKeyAsString_AndItsFolder()
    {
        _server.AddItem("42").Guid = "com.plexapp.agents.iafd://abc?lang=en";
        using var client = TestClients.For(_server);

        var item = await client.GetItemAsync("42", TestContext.Current.CancellationToken);

        Assert.NotNull(item);
        Assert.Equal("42", item.RatingKey);
        Assert.Equal("/media/movies/Some Movie (2001)", item.Folder);
        Assert.True(item.HasGuidOf("com.plexapp.agents.IAFD"));
    }

    [Fact]
    public async Task BadToken_IsRejectedOnce_WithAMessageThatNeverContainsTheToken()
    {
        const string wrong = "wrong-secret-token-77aa";
        using var client = TestClients.For(_server, token: wrong);

        var e = await Assert.ThrowsAsync<PlexTokenRejectedException>(() => client.GetSectionsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Contains("Plex rejected the token (401)", e.Message, StringComparison.Ordinal);
        Assert.Contains("PLEX_TOKEN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task MissingToken_SaysPlexTokenIsNotSet()
    {
        using var client = TestClients.For(_server, token: null);

        var e = await Assert.ThrowsAsync<PlexTokenRejectedException>(() => client.GetSectionsAsync(TestContext.Current.CancellationToken));

        Assert.Contains("PLEX_TOKEN is not set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient503_IsRetried_ThenSucceeds()
    {
        _server.FailNext("/library/sections", 2);
        using var client = TestClients.For(_server);

        var sections = await client.GetSectionsAsync(TestContext.Current.CancellationToken);

        Assert.Single(sections);
        Assert.Equal(3, client.Attempts);
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_IsRetried()
    {
        _server.RetryAfterSeconds = 0;
        _server.FailNext("/library/sections", 1, status: 429);
        using var client = TestClients.For(_server);

        var sections = await client.GetSectionsAsync(TestContext.Current.CancellationToken);

        Assert.Single(sections);
        Assert.Equal(2, client.Attempts);
    }

    [Fact]
    public async Task Persistent503_GivesUp_AfterTheConfiguredRetries()
    {
        _server.FailNext("/library/sections", 100);
        using var client = TestClients.For(_server, retries: 2);

        var e = await Assert.ThrowsAsync<PlexUnreachableException>(() => client.GetSectionsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(3, client.Attempts);
        Assert.Contains("503", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundRoute_IsNotRetried_AndTheHtmlBodyIsReducedToText()
    {
        using var client = TestClients.For(_server);

        var e = await Assert.ThrowsAsync<PlexRequestFailedException>(() => client.CountSectionItemsAsync("77", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.DoesNotContain("<html>", e.Message, StringComparison.Ordinal);
        Assert.Single(_server.RequestPaths("GET"), p => p.StartsWith("/library/sections/77", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerDown_RetriesThenFailsAsBadInput_NamingTheUrl()
    {
        var url = new Uri($"http://127.0.0.1:{UnusedPort()}");
        using var client = TestClients.For(url, retries: 2);

        var e = await Assert.ThrowsAsync<PlexUnreachableException>(() => client.GetSectionsAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FailureKind.BadInput, e.Kind);
        Assert.Contains(url.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal(3, client.Attempts);
        Assert.DoesNotContain(FakePlexServer.Token, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClientIdentifierStore_ReturnsTheSameIdentifier_ForTheSameWorkFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "pi-clientid-" + Guid.NewGuid().ToString("N"));
        try
        {
            string first = ClientIdentifierStore.LoadOrCreate(dir);
            string second = ClientIdentifierStore.LoadOrCreate(dir);

            Assert.Equal(first, second);
            Assert.StartsWith("plex-improve-", first, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

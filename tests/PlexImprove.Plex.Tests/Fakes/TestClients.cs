using PlexImprove.Plex.Client;
using PlexImprove.Plex.Resilience;

namespace PlexImprove.Plex.Tests.Fakes;

/// <summary>Creates clients with fast retries so failure paths stay quick.</summary>
public static class TestClients
{
    public static PlexResilienceOptions FastRetries(int retries = 3) => new()
    {
        MaxRetries = retries,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryAfter = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public static PlexClient For(Uri url, string? token = FakePlexServer.Token, int pageSize = 200, int retries = 3) => new(new PlexClientOptions
    {
        BaseUrl = url,
        Token = token,
        ClientIdentifier = "test-client-0001",
        PageSize = pageSize,
        Resilience = FastRetries(retries),
    });

    public static PlexClient For(FakePlexServer server, string? token = FakePlexServer.Token, int pageSize = 200, int retries = 3) =>
        For(server.Url, token, pageSize, retries);

    /// <summary>A client whose waits and time limits run on <paramref name="time"/>, as do the server's own timestamps.</summary>
    public static PlexClient OnClock(FakePlexServer server, TimeProvider time)
    {
        server.Time = time;
        return new PlexClient(
            new PlexClientOptions { BaseUrl = server.Url, Token = FakePlexServer.Token, ClientIdentifier = "test-client-0001", Resilience = FastRetries() },
            timeProvider: time);
    }
}

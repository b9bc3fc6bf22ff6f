using System.Net;
using System.Net.Http.Json;
using System.Text;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Providers;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>The provider's guard and reloads: a token when one is set (never written out), and fresh code after an edit or a restart.</summary>
public sealed class ProviderLifecycleTests
{
    private const string Token = "s3cret-provider-token-0123";

    [Fact]
    public async Task WithAToken_RequestsWithoutItAre401_AndItIsAcceptedInThePathOrTheHeader_AndNeverJournaledOrLogged()
    {
        await using var provider = await RunningProvider.StartAsync(Token);

        var (without, _) = await provider.GetAsync("/contractmovies");
        var (wrong, _) = await provider.GetAsync("/k/not-the-token-at-all-000/contractmovies");
        var (inPath, root) = await provider.GetAsync($"/k/{Token}/contractmovies");
        var (inHeader, _) = await provider.GetAsync("/contractmovies", new Dictionary<string, string> { ["X-Provider-Token"] = Token });
        using var match = await provider.Http.PostAsJsonAsync($"/k/{Token}/contractmovies/library/metadata/matches", new { type = 1, title = "Second Film" }, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK),
            (without, wrong, inPath, inHeader, match.StatusCode));
        Assert.Equal("tv.plex.agents.custom.contractmovies", root!["MediaProvider"]!["identifier"]!.GetValue<string>());
        var journal = provider.Journal.ToString();
        Assert.Contains("POST /contractmovies/library/metadata/matches 200", journal, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, journal, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-at-all-000", journal, StringComparison.Ordinal);
        Assert.Contains("GET /k/***/contractmovies 401", journal, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, provider.Bundles.ReadLog(ProviderFixtureBundles.MovieIdentifier), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAToken_ARequestForAnotherHostOrFromAnotherOrigin_Is403_AndReachesNoAgent()
    {
        // A web page whose DNS name was rebound to 127.0.0.1 sends its own name as Host, or its origin.
        await using var provider = await RunningProvider.StartAsync();
        using var rebound = new HttpRequestMessage(HttpMethod.Post, "/contractmovies/library/metadata/matches") { Content = new StringContent("""{"type":1,"title":"Second Film"}""", Encoding.UTF8, "application/json") };
        rebound.Headers.Host = "attacker.example";
        using var crossOrigin = new HttpRequestMessage(HttpMethod.Get, "/:/plugins/" + ProviderFixtureBundles.MovieIdentifier + "/restart");
        crossOrigin.Headers.Add("Origin", "http://attacker.example");

        using var reboundAnswer = await provider.Http.SendAsync(rebound, TestContext.Current.CancellationToken);
        using var crossOriginAnswer = await provider.Http.SendAsync(crossOrigin, TestContext.Current.CancellationToken);
        var (local, _) = await provider.GetAsync("/contractmovies");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK), (reboundAnswer.StatusCode, crossOriginAnswer.StatusCode, local));
        Assert.Contains("loopback names only", await reboundAnswer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("Searching for matches", provider.Bundles.ReadLog(ProviderFixtureBundles.MovieIdentifier), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListeningBeyondLoopbackWithoutAToken_IsRefusedBeforeAnythingStarts()
    {
        using var bundles = new ProviderFixtureBundles();
        var options = new ProviderOptions { PluginsDir = bundles.PluginsDir, LogsDir = bundles.LogsDir, Address = IPAddress.Any, Port = 0 };

        var error = await Assert.ThrowsAsync<InvalidInputException>(async () =>
            await ProviderHost.StartAsync(options, await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), TimeProvider.System, TestContext.Current.CancellationToken));

        Assert.StartsWith("Listening on 0.0.0.0 lets other machines call the agents: set a token", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(bundles.LogsDir));
    }

    [Fact]
    public async Task EditedAgentCode_IsReloadedBeforeTheNextCall_AndTheRestartEndpointReloadsIt()
    {
        await using var provider = await RunningProvider.StartAsync();
        var code = provider.Bundles.CodePath("ContractMovies.bundle");
        var first = await TitleOfAsync(provider);

        File.WriteAllText(code, File.ReadAllText(code).Replace("metadata.title = item['title']", "metadata.title = 'Edited ' + item['title']", StringComparison.Ordinal));
        var afterEdit = await TitleOfAsync(provider);
        var (restart, _) = await provider.GetAsync("/:/plugins/com.plexapp.agents.contractmovies/restart");
        var afterRestart = await TitleOfAsync(provider);
        var (unknown, _) = await provider.GetAsync("/:/plugins/com.plexapp.agents.nosuch/restart");

        Assert.Equal(("Second Film", "Edited Second Film", HttpStatusCode.OK, "Edited Second Film", HttpStatusCode.NotFound), (first, afterEdit, restart, afterRestart, unknown));
        Assert.Contains("Started plug-in", provider.Bundles.ReadLog(ProviderFixtureBundles.MovieIdentifier), StringComparison.Ordinal);
    }

    private static async Task<string> TitleOfAsync(RunningProvider provider)
    {
        var (_, body) = await provider.GetAsync("/contractmovies/library/metadata/if2");
        return body!["MediaContainer"]!["Metadata"]![0]!["title"]!.GetValue<string>();
    }
}

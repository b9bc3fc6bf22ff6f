using System.Text.Json;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>
/// The box serving a section's agent through its own provider (<c>"provider": "self"</c>, the built-in <c>provided</c>
/// scenario): refreshes go through the provider's match and metadata, the agent runs in the box's plug-in process with
/// the box's sites and logs, and the box's plug-in restart URL is what loads a patched bundle.
/// </summary>
public sealed class BoxProviderTests
{
    private const string FestivalDb = "com.plexapp.agents.FestivalDB";

    private static string Provided => Path.Combine(AppContext.BaseDirectory, "scenarios", "provided");

    [Fact]
    public async Task ASelfProvidedSection_IsRefreshedThroughTheBoxsProvider_WithTheAgentsCrashInItsPluginLog()
    {
        await using var box = await SandboxRun.StartAsync(Provided);
        var (festival, silent) = (box.Host.Library.Section(1)!, box.Host.Library.Section(2)!);

        await box.RefreshAsync(festival.Items[0].RatingKey, silent.Items[0].RatingKey);

        Assert.Equal(new Uri($"http://127.0.0.1:{box.Host.Provider!.Server.Port}/festivaldb"), festival.Provider);
        var healthy = silent.Items[0];
        Assert.Equal((RefreshOutcome.Updated, "Metropolis", 1927, "UFA"), (healthy.LastRefresh, healthy.Title, healthy.Year, healthy.Studio));
        Assert.Equal("tv.plex.agents.custom.silentera://movie/imetropolis", healthy.Guid);
        var broken = festival.Items[0];
        Assert.Equal((RefreshOutcome.UpdateFailed, "local://" + broken.RatingKey), (broken.LastRefresh, broken.Guid));
        var log = box.ReadLog(FestivalDb);
        Assert.Contains("Exception in the update function of agent named 'FestivalDB'", log, StringComparison.Ordinal);
        // The library's item is named as the Framework names it (search 'id', update dbid), so the loop can refresh it.
        Assert.Contains($"'id': '{broken.RatingKey}'", log, StringComparison.Ordinal);
        var update = Assert.Single(log.Split('\n'), l => l.Contains("Handling request GET", StringComparison.Ordinal) && l.Contains("/messaging/function/", StringComparison.Ordinal));
        Assert.Equal(broken.RatingKey, PlexImprove.Core.Logs.UpdateRequestDecoder.TryGetRatingKey(System.Text.Encoding.UTF8.GetBytes(update)));
        Assert.Contains("KeyError: 'title'", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatchedBundle_RunsInTheProviderOnlyAfterTheBoxRestartsThePlugin()
    {
        await using var box = await SandboxRun.StartAsync(Provided);
        var item = box.Host.Library.Section(1)!.Items[0];
        var code = box.CodePath("FestivalDB");
        await box.RefreshAsync(item.RatingKey);
        File.WriteAllText(code, File.ReadAllText(code)
            .Replace("film = JSON.ObjectFromURL(FILM_URL % metadata.id)", "film = JSON.ObjectFromURL(FILM_URL % metadata.id)['film']", StringComparison.Ordinal)
            .Replace("film['summary']", "film['overview']", StringComparison.Ordinal));

        await box.RefreshAsync(item.RatingKey);
        var beforeRestart = item.LastRefresh;
        await box.RestartPluginAsync(FestivalDb);
        await box.RefreshAsync(item.RatingKey);

        Assert.Equal((RefreshOutcome.UpdateFailed, RefreshOutcome.Updated), (beforeRestart, item.LastRefresh));
        Assert.Equal(("Wadjda", "A girl in Riyadh saves up for a green bicycle she is not supposed to ride."), (item.Title, item.Summary));
        Assert.StartsWith("tv.plex.agents.custom.festivaldb://movie/", item.Guid, StringComparison.Ordinal);
    }

    [Fact]
    public void SelfOnAMusicSection_IsRefusedNamingTheField()
    {
        using var bundles = new ProviderFixtureBundles();
        File.WriteAllText(Path.Combine(bundles.Root, "scenario.json"), JsonSerializer.Serialize(new
        {
            name = "bad", sites = Array.Empty<object>(),
            sections = new[] { new { id = 1, title = "Albums", type = "album", agent = ProviderFixtureBundles.MovieIdentifier, provider = "self", items = new[] { new { file = "/data/Music/A/B/01 - C.flac" } } } },
        }));

        var error = Assert.Throws<ScenarioManifestException>(() => ScenarioLoader.Load(bundles.Root));

        Assert.Contains("sections[0].provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("movie and show sections only", error.Message, StringComparison.Ordinal);
    }
}

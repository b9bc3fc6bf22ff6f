using System.Net;
using System.Text.Json;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>
/// The levels below a section's items as Plex serves them: <c>/library/sections/{id}/all?type=</c> lists seasons (3),
/// episodes (4), albums (9) or tracks (10), and a refresh of a season or episode runs the show agent's update.
/// </summary>
public sealed class MetadataLevelsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "levels-test-" + Guid.NewGuid().ToString("N")[..8]);

    private const string ShowAgent = """
        class Shows(Agent.TV_Shows):
            name = 'Shows'
            languages = ['en']

            def search(self, results, media, lang):
                results.Append(MetadataSearchResult(id='show-' + media.id, name=media.show, score=100, lang=lang))

            def update(self, metadata, media, lang, force=False):
                Log.Info('show update %s with seasons %s' % (metadata.id, sorted(media.seasons.keys())))
                metadata.title = 'Updated ' + metadata.id
        """;

    public MetadataLevelsTests()
    {
        Bundle("Shows", "com.plexapp.agents.shows", ShowAgent);
        Bundle("Music", "com.plexapp.agents.music", "class A(Agent.Artist):\n    name = 'Music'\n    languages = ['en']\n\n    def search(self, results, media, lang):\n        pass\n\n    def update(self, metadata, media, lang):\n        pass\n");
        var manifest = new
        {
            name = "levels",
            description = "two shows, one artist",
            sections = new object[]
            {
                new
                {
                    id = 1, title = "TV", agent = "com.plexapp.agents.shows", type = "show",
                    items = new[] { new { file = "/data/TV/First Show/Season 01/First Show - S01E03.mkv" }, new { file = "/data/TV/Second Show/Season 02/Second Show - S02E05.mkv" } },
                },
                new { id = 2, title = "Music", agent = "com.plexapp.agents.music", type = "artist", items = new[] { new { file = "/data/Music/Fixture Artist/Fixture Album/03 - Closing.flac" } } },
            },
            sites = Array.Empty<object>(),
        };
        File.WriteAllText(Path.Combine(_root, "scenario.json"), JsonSerializer.Serialize(manifest));
    }

    private void Bundle(string name, string identifier, string code)
    {
        var contents = Path.Combine(_root, "Plug-ins", name + ".bundle", "Contents");
        Directory.CreateDirectory(Path.Combine(contents, "Code"));
        File.WriteAllText(Path.Combine(contents, "Info.plist"), $"<plist><dict><key>CFBundleIdentifier</key><string>{identifier}</string></dict></plist>");
        File.WriteAllText(Path.Combine(contents, "Code", "__init__.py"), code);
    }

    private static async Task<List<(string Type, string Title, string RatingKey)>> ListAsync(SandboxRun run, string path)
    {
        var container = JsonDocument.Parse(await run.Http.GetStringAsync(path, TestContext.Current.CancellationToken)).RootElement.GetProperty("MediaContainer");
        var listed = container.TryGetProperty("Metadata", out var metadata)
            ? [.. metadata.EnumerateArray().Select(m => (m.GetProperty("type").GetString()!, m.GetProperty("title").GetString()!, m.GetProperty("ratingKey").GetString()!))]
            : new List<(string, string, string)>();
        Assert.Equal(listed.Count, container.GetProperty("size").GetInt32());
        return listed;
    }

    [Fact]
    public async Task SectionAll_WithType_ListsThatLevel_AndNothingForATypeTheSectionDoesNotHold()
    {
        await using var run = await SandboxRun.StartAsync(_root);

        Assert.Equal(["show", "show"], (await ListAsync(run, "/library/sections/1/all?type=2")).Select(i => i.Type));
        Assert.Equal([("season", "Season 1"), ("season", "Season 2")], (await ListAsync(run, "/library/sections/1/all?type=3")).Select(i => (i.Type, i.Title)));
        Assert.Equal([("episode", "First Show - S01E03"), ("episode", "Second Show - S02E05")], (await ListAsync(run, "/library/sections/1/all?type=4")).Select(i => (i.Type, i.Title)));
        Assert.Equal([("episode", "Second Show - S02E05")], (await ListAsync(run, "/library/sections/1/all?type=4&title=second")).Select(i => (i.Type, i.Title)));
        Assert.Empty(await ListAsync(run, "/library/sections/1/all?type=1"));
        Assert.Equal([("album", "Fixture Album")], (await ListAsync(run, "/library/sections/2/all?type=9")).Select(i => (i.Type, i.Title)));
        Assert.Equal(["track"], (await ListAsync(run, "/library/sections/2/all?type=10")).Select(i => i.Type));
        Assert.Equal(["artist"], (await ListAsync(run, "/library/sections/2/all")).Select(i => i.Type));
    }

    [Fact]
    public async Task RefreshingASeasonOrAnEpisode_RunsTheShowAgentsUpdateOfItsShow_AndAnUnknownKeyIs404()
    {
        await using var run = await SandboxRun.StartAsync(_root);
        var episode = (await ListAsync(run, "/library/sections/1/all?type=4")).Single(e => e.Title.StartsWith("Second", StringComparison.Ordinal));
        var season = (await ListAsync(run, "/library/sections/1/all?type=3")).Single(s => s.Title == "Season 2");

        await run.RefreshAsync(episode.RatingKey);

        var updates = FrameworkLog.Records(run.ReadLog("com.plexapp.agents.shows")).Where(r => r.Message.StartsWith("show update", StringComparison.Ordinal)).ToList();
        Assert.Equal("show update show-2 with seasons ['2']", Assert.Single(updates).Message);
        Assert.Equal((RefreshOutcome.Updated, "Updated show-2"), (run.Host.Library.Find("2")!.LastRefresh, run.Host.Library.Find("2")!.Title));
        Assert.Null(run.Host.Library.Find("1")!.LastRefresh);

        await run.RefreshAsync(season.RatingKey);
        Assert.Equal(2, FrameworkLog.Records(run.ReadLog("com.plexapp.agents.shows")).Count(r => r.Message.StartsWith("show update show-2", StringComparison.Ordinal)));

        using var unknown = await run.Http.PutAsync("/library/metadata/999/refresh", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

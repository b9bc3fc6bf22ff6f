using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>
/// <c>/library/metadata/{rk}/children</c> and <c>/grandchildren</c> as Plex serves them: a show's seasons, a season's
/// episodes, an artist's albums, an album's tracks, an empty container for a movie, 404 for an unknown ratingKey.
/// </summary>
public sealed class MetadataChildrenTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "children-test-" + Guid.NewGuid().ToString("N")[..8]);

    public MetadataChildrenTests()
    {
        Bundle("Shows", "com.plexapp.agents.shows", "TV_Shows");
        Bundle("Films", "com.plexapp.agents.films", "Movies");
        Bundle("Music", "com.plexapp.agents.music", "Artist");
        var manifest = new
        {
            name = "children",
            description = "one show, one movie, one artist",
            sections = new object[]
            {
                new { id = 1, title = "TV", agent = "com.plexapp.agents.shows", type = "show", items = new[] { new { file = "/data/TV/Fixture Show/Season 02/Fixture Show - S02E05.mkv" } } },
                new { id = 2, title = "Films", agent = "com.plexapp.agents.films", type = "movie", items = new[] { new { file = "/data/Movies/Fixture Film (2001).mp4" } } },
                new { id = 3, title = "Music", agent = "com.plexapp.agents.music", type = "artist", items = new[] { new { file = "/data/Music/Fixture Artist/Fixture Album/03 - Closing.flac" } } },
            },
            sites = Array.Empty<object>(),
        };
        File.WriteAllText(Path.Combine(_root, "scenario.json"), JsonSerializer.Serialize(manifest));
    }

    /// <summary>An NFO-style show agent: its update walks the show's children through Plex's own URL, as importers do.</summary>
    private const string ShowUpdate = """
            def update(self, metadata, media, lang, force=False):
                seasons = XML.ElementFromURL('http://127.0.0.1:32400/library/metadata/%s/children' % media.id)
                for season in seasons.xpath('//Directory'):
                    episodes = XML.ElementFromURL('http://127.0.0.1:32400' + season.get('key'))
                    Log.Info('season %s has episodes %s' % (season.get('index'), [e.get('index') for e in episodes.xpath('//Video')]))
        """;

    private void Bundle(string name, string identifier, string agentClass)
    {
        var contents = Path.Combine(_root, "Plug-ins", name + ".bundle", "Contents");
        Directory.CreateDirectory(Path.Combine(contents, "Code"));
        File.WriteAllText(Path.Combine(contents, "Info.plist"), $"<plist><dict><key>CFBundleIdentifier</key><string>{identifier}</string></dict></plist>");
        File.WriteAllText(Path.Combine(contents, "Code", "__init__.py"), $"class A(Agent.{agentClass}):\n    name = '{name}'\n    languages = ['en']\n\n    def search(self, results, media, lang, manual=False):\n        pass\n\n    def update(self, metadata, media, lang, force=False):\n        pass\n");
        if (agentClass == "TV_Shows")
        {
            File.WriteAllText(Path.Combine(contents, "Code", "__init__.py"),
                $"class A(Agent.TV_Shows):\n    name = '{name}'\n    languages = ['en']\n\n    def search(self, results, media, lang, manual=False):\n        results.Append(MetadataSearchResult(id='s1', name='Fixture Show', score=100, lang=lang))\n\n" + ShowUpdate);
        }
    }

    private static async Task<JsonElement> ContainerAsync(SandboxRun run, string path) =>
        JsonDocument.Parse(await run.Http.GetStringAsync(path, TestContext.Current.CancellationToken)).RootElement.GetProperty("MediaContainer");

    [Fact]
    public async Task Children_WalkShowSeasonEpisodeAndArtistAlbumTrack_InJsonAndXml_MovieHasNone_UnknownIs404()
    {
        await using var run = await SandboxRun.StartAsync(_root);

        var seasons = await ContainerAsync(run, "/library/metadata/1/children");
        var season = Assert.Single(seasons.GetProperty("Metadata").EnumerateArray());
        Assert.Equal(1, seasons.GetProperty("size").GetInt32());
        Assert.Equal(("season", "1", 2, "Season 2", 1, 0), (season.GetProperty("type").GetString(), season.GetProperty("parentRatingKey").GetString(),
            season.GetProperty("index").GetInt32(), season.GetProperty("title").GetString(), season.GetProperty("leafCount").GetInt32(), season.GetProperty("viewedLeafCount").GetInt32()));
        var seasonKey = season.GetProperty("ratingKey").GetString()!;
        Assert.Equal($"/library/metadata/{seasonKey}/children", season.GetProperty("key").GetString());

        var episode = Assert.Single((await ContainerAsync(run, $"/library/metadata/{seasonKey}/children")).GetProperty("Metadata").EnumerateArray());
        Assert.Equal(("episode", seasonKey, "1", 5, 2, "Fixture Show - S02E05"), (episode.GetProperty("type").GetString(), episode.GetProperty("parentRatingKey").GetString(),
            episode.GetProperty("grandparentRatingKey").GetString(), episode.GetProperty("index").GetInt32(), episode.GetProperty("parentIndex").GetInt32(), episode.GetProperty("title").GetString()));
        var episodeItself = Assert.Single((await ContainerAsync(run, $"/library/metadata/{episode.GetProperty("ratingKey").GetString()}")).GetProperty("Metadata").EnumerateArray());
        Assert.Equal(("episode", 5), (episodeItself.GetProperty("type").GetString(), episodeItself.GetProperty("index").GetInt32()));
        var grandchild = Assert.Single((await ContainerAsync(run, "/library/metadata/1/grandchildren")).GetProperty("Metadata").EnumerateArray());
        Assert.Equal(episode.GetProperty("ratingKey").GetString(), grandchild.GetProperty("ratingKey").GetString());
        Assert.Equal(0, (await ContainerAsync(run, $"/library/metadata/{episode.GetProperty("ratingKey").GetString()}/children")).GetProperty("size").GetInt32());

        var album = Assert.Single((await ContainerAsync(run, "/library/metadata/3/children")).GetProperty("Metadata").EnumerateArray());
        Assert.Equal(("album", "Fixture Album", "3"), (album.GetProperty("type").GetString(), album.GetProperty("title").GetString(), album.GetProperty("parentRatingKey").GetString()));
        var track = Assert.Single((await ContainerAsync(run, $"/library/metadata/{album.GetProperty("ratingKey").GetString()}/children")).GetProperty("Metadata").EnumerateArray());
        Assert.Equal(("track", 3), (track.GetProperty("type").GetString(), track.GetProperty("index").GetInt32()));

        var movie = await ContainerAsync(run, "/library/metadata/2/children");
        Assert.Equal(0, movie.GetProperty("size").GetInt32());
        Assert.False(movie.TryGetProperty("Metadata", out _));
        using var unknown = await run.Http.GetAsync("/library/metadata/999/children", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // The section's items keep ratingKeys 1..3: the levels below them are numbered after.
        Assert.True(int.Parse(seasonKey, System.Globalization.CultureInfo.InvariantCulture) > 3);

        // In XML (the default) seasons are Directory elements and episodes Video elements, as on Plex.
        using var xmlClient = new HttpClient { BaseAddress = run.Http.BaseAddress };
        xmlClient.DefaultRequestHeaders.Add("X-Plex-Token", "test-token");
        var seasonsXml = XDocument.Parse(await xmlClient.GetStringAsync("/library/metadata/1/children", TestContext.Current.CancellationToken)).Root!;
        var episodesXml = XDocument.Parse(await xmlClient.GetStringAsync($"/library/metadata/{seasonKey}/children", TestContext.Current.CancellationToken)).Root!;
        Assert.Equal(seasonKey, seasonsXml.Element("Directory")!.Attribute("ratingKey")!.Value);
        Assert.Equal("5", episodesXml.Element("Video")!.Attribute("index")!.Value);

        // An agent reaches the same listing from Python through Plex's URL, with the token the box gives plug-ins.
        await run.RefreshAsync("1");
        Assert.Contains(FrameworkLog.Records(run.ReadLog("com.plexapp.agents.shows")), r => r.Message == "season 2 has episodes ['5']");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

using System.Net;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>
/// A legacy TV agent served as a provider: show, season and episode matches run its search with the show's name and
/// the numbers; the show's update gives the show, its seasons and episodes, with the parents' keys, paged.
/// </summary>
public sealed class TvProviderContractTests(SharedProvider shared) : IClassFixture<SharedProvider>
{
    private const string Scheme = "tv.plex.agents.custom.contractshows";
    private RunningProvider Provider => shared.Provider;

    [Fact]
    public async Task Root_DeclaresShowSeasonAndEpisodeTypes()
    {
        var (_, body) = await Provider.GetAsync("/contractshows");

        var provider = body!["MediaProvider"]!;
        Assert.Equal(Scheme, provider["identifier"]!.GetValue<string>());
        Assert.Equal([2, 3, 4], provider["Types"]!.AsArray().Select(t => t!["type"]!.GetValue<int>()));
    }

    [Fact]
    public async Task EpisodeMatch_SearchesForTheShowWithSeasonAndEpisode_AndAnswersTheEpisodeUnderTheBestShow()
    {
        var (status, body) = await Provider.MatchAsync("contractshows",
            """{"type": 4, "grandparentTitle": "The Fixture Show", "parentIndex": 3, "index": 7, "filename": "TV/The Fixture Show/Season 03/S03E07.mkv"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var episode = Assert.Single(body!["MediaContainer"]!["Metadata"]!.AsArray())!;
        Assert.Equal("ishow42_s3_e7", episode["ratingKey"]!.GetValue<string>());
        Assert.Equal($"{Scheme}://episode/ishow42_s3_e7", episode["guid"]!.GetValue<string>());
        Assert.Equal("episode", episode["type"]!.GetValue<string>());
        Assert.Equal((3, 7), (episode["parentIndex"]!.GetValue<int>(), episode["index"]!.GetValue<int>()));
        Assert.Equal("ishow42", episode["grandparentRatingKey"]!.GetValue<string>());
        Assert.Equal($"{Scheme}://show/ishow42", episode["grandparentGuid"]!.GetValue<string>());
        Assert.Equal("The Fixture Show", episode["grandparentTitle"]!.GetValue<string>());
        Assert.Equal("ishow42_s3", episode["parentRatingKey"]!.GetValue<string>());
        Assert.Contains("search show=The Fixture Show season=3 episode=7 year=None", Provider.Bundles.ReadLog(ProviderFixtureBundles.ShowIdentifier), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowMatch_Manual_AnswersEveryShowByScore()
    {
        var (_, body) = await Provider.MatchAsync("contractshows", """{"type": 2, "title": "Fixture", "manual": 1}""");

        var shows = body!["MediaContainer"]!["Metadata"]!.AsArray();
        Assert.Equal(["ishow42", "x73686f772d37"], shows.Select(s => s!["ratingKey"]!.GetValue<string>()));
        Assert.All(shows, s => Assert.Equal("show", s!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ShowMetadata_AnswersTheShowFromItsUpdate()
    {
        var (status, body) = await Provider.GetAsync("/contractshows/library/metadata/ishow42");

        Assert.Equal(HttpStatusCode.OK, status);
        var show = Assert.Single(body!["MediaContainer"]!["Metadata"]!.AsArray())!;
        Assert.Equal(("show", "The Fixture Show", "A show for contract tests", "2010-01-01"),
            (show["type"]!.GetValue<string>(), show["title"]!.GetValue<string>(), show["summary"]!.GetValue<string>(), show["originallyAvailableAt"]!.GetValue<string>()));
        Assert.Equal("http://img.example/show.jpg", show["thumb"]!.GetValue<string>());
    }

    [Fact]
    public async Task Children_AreTheSeasonsTheAgentFilledAndThoseMatched_AndASeasonsChildrenItsEpisodes()
    {
        await Provider.MatchAsync("contractshows", """{"type": 4, "grandparentTitle": "The Fixture Show", "parentIndex": 2, "index": 5, "filename": "TV/Fixture/S02E05.mkv"}""");

        var (_, seasons) = await Provider.GetAsync("/contractshows/library/metadata/ishow42/children");
        var (_, episodes) = await Provider.GetAsync("/contractshows/library/metadata/ishow42_s2/children");
        var (_, one) = await Provider.GetAsync("/contractshows/library/metadata/ishow42_s1_e2");

        var seasonList = seasons!["MediaContainer"]!["Metadata"]!.AsArray();
        Assert.Contains(seasonList, s => s!["index"]!.GetValue<int>() == 1 && s["summary"]!.GetValue<string>() == "Season one" && s["parentRatingKey"]!.GetValue<string>() == "ishow42");
        Assert.Contains(seasonList, s => s!["index"]!.GetValue<int>() == 2 && s["title"]!.GetValue<string>() == "Season 2");
        var libraryEpisode = Assert.Single(episodes!["MediaContainer"]!["Metadata"]!.AsArray(), e => e!["index"]!.GetValue<int>() == 5)!;
        Assert.Equal("Library episode 2x5 from TV/Fixture/S02E05.mkv", libraryEpisode["title"]!.GetValue<string>());
        var siteEpisode = Assert.Single(one!["MediaContainer"]!["Metadata"]!.AsArray())!;
        Assert.Equal(("Site episode 1x2", "Summary 1x2", "2010-01-02", "ishow42_s1"),
            (siteEpisode["title"]!.GetValue<string>(), siteEpisode["summary"]!.GetValue<string>(), siteEpisode["originallyAvailableAt"]!.GetValue<string>(), siteEpisode["parentRatingKey"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Grandchildren_ArePagedByContainerStartAndSize()
    {
        var paging = new Dictionary<string, string> { ["X-Plex-Container-Start"] = "1", ["X-Plex-Container-Size"] = "1" };

        var (status, body) = await Provider.GetAsync("/contractshows/library/metadata/ishow42/grandchildren", paging);
        var (_, all) = await Provider.GetAsync("/contractshows/library/metadata/ishow42/grandchildren");

        Assert.Equal(HttpStatusCode.OK, status);
        var everything = all!["MediaContainer"]!["Metadata"]!.AsArray().Select(e => e!["ratingKey"]!.GetValue<string>()).ToList();
        Assert.True(everything.Count >= 2);
        var container = body!["MediaContainer"]!;
        Assert.Equal((1, 1, everything.Count), (container["offset"]!.GetValue<int>(), container["size"]!.GetValue<int>(), container["totalSize"]!.GetValue<int>()));
        Assert.Equal(everything[1], container["Metadata"]![0]!["ratingKey"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/contractshows/library/metadata/ishow42_s9", HttpStatusCode.NotFound)]
    [InlineData("/contractshows/library/metadata/ishow42_s1_e99", HttpStatusCode.NotFound)]
    [InlineData("/contractshows/library/metadata/ishow42_e1", HttpStatusCode.BadRequest)]
    [InlineData("/contractshows/library/metadata/ishow42_s1/grandchildren", HttpStatusCode.NotFound)]
    public async Task UnknownSeasonsAndEpisodes_Are404_AndMalformedKeys400(string path, HttpStatusCode expected)
    {
        var (status, _) = await Provider.GetAsync(path);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task BadPaging_Is400()
    {
        var (status, body) = await Provider.GetAsync("/contractshows/library/metadata/ishow42/children", new Dictionary<string, string> { ["X-Plex-Container-Size"] = "-1" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("X-Plex-Container-Size", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EpisodeMatch_WithoutNumbers_Is400()
    {
        var (status, body) = await Provider.MatchAsync("contractshows", """{"type": 4, "grandparentTitle": "The Fixture Show"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'parentIndex'", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

}

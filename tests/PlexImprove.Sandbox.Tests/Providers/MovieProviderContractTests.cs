using System.Net;
using System.Text.Json.Nodes;
using PlexImprove.Core.Metrics;
using PlexImprove.Sandbox.Providers;

namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>
/// A legacy movie agent served as a Custom Metadata Provider answers root, match and metadata as the provider
/// documentation describes them, with what the agent's own search and update produced.
/// </summary>
public sealed class MovieProviderContractTests(SharedProvider shared) : IClassFixture<SharedProvider>
{
    private const string Scheme = "tv.plex.agents.custom.contractmovies";
    private RunningProvider Provider => shared.Provider;

    [Fact]
    public async Task Root_DeclaresTheIdentifierMovieTypeAndTheMetadataAndMatchFeatures()
    {
        var (status, body) = await Provider.GetAsync("/contractmovies");

        Assert.Equal(HttpStatusCode.OK, status);
        var provider = body!["MediaProvider"]!;
        Assert.Equal(Scheme, provider["identifier"]!.GetValue<string>());
        Assert.Matches("^tv\\.plex\\.agents\\.custom\\.[a-zA-Z0-9.]+$", provider["identifier"]!.GetValue<string>());
        Assert.Equal("ContractMovies", provider["title"]!.GetValue<string>());
        var type = Assert.Single(provider["Types"]!.AsArray());
        Assert.Equal(1, type!["type"]!.GetValue<int>());
        Assert.Equal(Scheme, type["Scheme"]![0]!["scheme"]!.GetValue<string>());
        var features = provider["Feature"]!.AsArray().Select(f => (f!["type"]!.GetValue<string>(), f["key"]!.GetValue<string>())).ToList();
        Assert.Equal([("metadata", "/library/metadata"), ("match", "/library/metadata/matches")], features);
    }

    [Fact]
    public async Task Match_RunsTheAgentsSearchWithTheFrameworksArguments_AndAnswersTheBestMatchOnly()
    {
        var (status, body) = await Provider.MatchAsync("contractmovies", """{"type": 1, "title": "Second Film", "year": 2021, "filename": "Movies/Second Film (2021).mkv"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var container = body!["MediaContainer"]!;
        Assert.Equal(Scheme, container["identifier"]!.GetValue<string>());
        Assert.Equal(1, container["size"]!.GetValue<int>());
        var match = Assert.Single(container["Metadata"]!.AsArray())!;
        Assert.Equal("if2", match["ratingKey"]!.GetValue<string>());
        Assert.Equal($"{Scheme}://movie/if2", match["guid"]!.GetValue<string>());
        Assert.Equal("movie", match["type"]!.GetValue<string>());
        Assert.Equal("Second Film", match["title"]!.GetValue<string>());
        Assert.Equal(2021, match["year"]!.GetValue<int>());
        var log = Provider.Bundles.ReadLog(ProviderFixtureBundles.MovieIdentifier);
        Assert.Contains("search name=Second Film year=2021 filename=Movies/Second%20Film%20%282021%29.mkv manual=False lang=en", log, StringComparison.Ordinal);
        Assert.Contains("Searching for matches for {", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManualMatch_AnswersEveryMatchOrderedByScore_WithReversibleRatingKeys()
    {
        var (status, body) = await Provider.MatchAsync("contractmovies", """{"type": 1, "title": "Le Café", "manual": 1}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var matches = body!["MediaContainer"]!["Metadata"]!.AsArray();
        Assert.Equal(["Le Café", "Second Film"], matches.Select(m => m!["title"]!.GetValue<string>()));
        var keys = matches.Select(m => m!["ratingKey"]!.GetValue<string>()).ToList();
        Assert.All(keys, k => Assert.Matches("^[a-zA-Z0-9_-]+$", k));
        Assert.True(ProviderRatingKey.TryParse(keys[0], out var first));
        Assert.Equal("film/1 café", first.AgentId);
    }

    [Fact]
    public async Task Metadata_AnswersEveryFieldTheAgentsUpdateSet()
    {
        await Provider.MatchAsync("contractmovies", """{"type": 1, "title": "Le Café"}""");
        var key = new ProviderRatingKey("film/1 café").Encode();

        var (status, body) = await Provider.GetAsync($"/contractmovies/library/metadata/{key}", new Dictionary<string, string> { ["X-Plex-Language"] = "de-DE" });

        Assert.Equal(HttpStatusCode.OK, status);
        var item = Assert.Single(body!["MediaContainer"]!["Metadata"]!.AsArray())!;
        Assert.Equal(key, item["ratingKey"]!.GetValue<string>());
        Assert.Equal($"/library/metadata/{key}", item["key"]!.GetValue<string>());
        Assert.Equal($"{Scheme}://movie/{key}", item["guid"]!.GetValue<string>());
        Assert.Equal("Le Café", item["title"]!.GetValue<string>());
        Assert.Equal("Original Le Café", item["originalTitle"]!.GetValue<string>());
        Assert.Equal(2019, item["year"]!.GetValue<int>());
        Assert.Equal("Summary of Le Café in de, seen as Le Café", item["summary"]!.GetValue<string>());
        Assert.Equal("Fixture Studio", item["studio"]!.GetValue<string>());
        Assert.Equal("A tagline", item["tagline"]!.GetValue<string>());
        Assert.Equal("R", item["contentRating"]!.GetValue<string>());
        Assert.Equal("2019-05-04", item["originallyAvailableAt"]!.GetValue<string>());
        Assert.Equal(5400000, item["duration"]!.GetValue<long>());
        Assert.Equal(["Drama", "Comedy"], Tags(item, "Genre"));
        Assert.Equal(["Fixture Collection"], Tags(item, "Collection"));
        Assert.Equal(["France"], Tags(item, "Country"));
        Assert.Equal(["Fixture Studio"], Tags(item, "Studio"));
        Assert.Equal(["Ann Director"], Tags(item, "Director"));
        Assert.Equal(["Wendy Writer"], Tags(item, "Writer"));
        Assert.Equal(["Pat Producer"], Tags(item, "Producer"));
        var role = Assert.Single(item["Role"]!.AsArray())!;
        Assert.Equal(("Bob Actor", "Hero", "http://img.example/bob.jpg", 1), (role["tag"]!.GetValue<string>(), role["role"]!.GetValue<string>(), role["thumb"]!.GetValue<string>(), role["order"]!.GetValue<int>()));
        var images = item["Image"]!.AsArray().Select(i => (i!["type"]!.GetValue<string>(), i["url"]!.GetValue<string>())).ToList();
        Assert.Equal([("coverPoster", "http://img.example/poster1.jpg"), ("coverPoster", "http://img.example/poster2.jpg"), ("background", "http://img.example/art.jpg")], images);
        Assert.Equal("http://img.example/poster1.jpg", item["thumb"]!.GetValue<string>());
        Assert.Equal("http://img.example/art.jpg", item["art"]!.GetValue<string>());
        var rating = Assert.Single(item["Rating"]!.AsArray())!;
        Assert.Equal(("critic", 7.5), (rating["type"]!.GetValue<string>(), rating["value"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Images_ListTheAgentsPostersInItsOrderThenItsArt_ByUrl_And404ForAnIdItDoesNotKnow()
    {
        var (status, body) = await Provider.GetAsync("/contractmovies/library/metadata/if2/images");
        var (unknown, _) = await Provider.GetAsync("/contractmovies/library/metadata/inosuch/images");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (status, unknown));
        var container = body!["MediaContainer"]!;
        var images = container["Image"]!.AsArray().Select(i => (i!["type"]!.GetValue<string>(), i["url"]!.GetValue<string>())).ToList();
        Assert.Equal([("coverPoster", "http://img.example/poster1.jpg"), ("coverPoster", "http://img.example/poster2.jpg"), ("background", "http://img.example/art.jpg")], images);
        Assert.Equal((3, Scheme), (container["size"]!.GetValue<int>(), container["identifier"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ProviderCalls_WriteTheFrameworksLogLines_SoTheAggregatorCountsThem()
    {
        await Provider.MatchAsync("contractmovies", """{"type": 1, "title": "Second Film"}""");
        await Provider.GetAsync("/contractmovies/library/metadata/if2");
        await Provider.MatchAsync("contractmovies", """{"type": 1, "title": "crash"}""");

        var log = Provider.Bundles.ReadLog(ProviderFixtureBundles.MovieIdentifier);
        Assert.Contains("Loading model with GUID com.plexapp.agents.contractmovies://f2?lang=en", log, StringComparison.Ordinal);
        Assert.Contains("Exception in the search function of agent named 'Contract Movies'", log, StringComparison.Ordinal);
        var metrics = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = Provider.Bundles.LogsDir, Agents = [ProviderFixtureBundles.MovieIdentifier] }, cancellationToken: TestContext.Current.CancellationToken).Metrics;
        var counts = metrics.Agents[ProviderFixtureBundles.MovieIdentifier];
        Assert.True(counts.SearchesSucceeded >= 1, $"searches succeeded: {counts.SearchesSucceeded}");
        Assert.True(counts.SearchesFailed >= 1, $"searches failed: {counts.SearchesFailed}");
        Assert.True(counts.UpdatesSucceeded >= 1, $"updates succeeded: {counts.UpdatesSucceeded}");
    }

    [Theory]
    [InlineData("/contractmovies/library/metadata/iunknown", HttpStatusCode.NotFound)]
    [InlineData("/contractmovies/library/metadata/not-a-key", HttpStatusCode.BadRequest)]
    [InlineData("/contractmovies/library/metadata/xZZ", HttpStatusCode.BadRequest)]
    [InlineData("/contractmovies/library/metadata/if2_s1", HttpStatusCode.NotFound)]
    [InlineData("/contractmovies/library/metadata/if2/children", HttpStatusCode.NotFound)]
    [InlineData("/nosuchagent", HttpStatusCode.NotFound)]
    [InlineData("/contractmovies/library/metadata/icrash", (HttpStatusCode)502)]
    public async Task Metadata_RefusesWhatItCannotAnswer_WithTheRightStatusAndAReason(string path, HttpStatusCode expected)
    {
        var (status, body) = await Provider.GetAsync(path);

        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrWhiteSpace(body!["error"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("""{"title": "X"}""", "needs 'type'")]
    [InlineData("""{"type": 2, "title": "X"}""", "serves type(s) 1, not 2")]
    [InlineData("""{"type": 1}""", "needs 'title'")]
    [InlineData("""{"type": 1, "title": "X", "year": "soon"}""", "'year' must be a whole number")]
    [InlineData("""{"type": 1, "title": 5}""", "'title' must be a string")]
    public async Task Match_RefusesAMalformedBodyWith400(string body, string reason)
    {
        var (status, answer) = await Provider.MatchAsync("contractmovies", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, answer!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static List<string> Tags(JsonNode item, string name) => [.. item[name]!.AsArray().Select(t => t!["tag"]!.GetValue<string>())];
}

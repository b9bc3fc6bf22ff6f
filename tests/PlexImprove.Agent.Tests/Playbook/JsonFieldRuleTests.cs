using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Json;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Tests.TestSupport;
using static PlexImprove.Agent.Tests.Playbook.TextEncodingRuleTests;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The JSON rule on an agent written against an API's old shape, with the API's current answers as fixtures.</summary>
public sealed class JsonFieldRuleTests
{
    private const string Agent = """
        API = 'http://api.shows.example/v2'


        class Shows(Agent.TV_Shows):
            name = 'Shows'

            def search(self, results, media, lang, manual=False):
                url = API + '/search?q=' + String.Quote(media.show)
                for show in JSON.ObjectFromURL(url):
                    results.Append(MetadataSearchResult(id=show['id'], name=show['title'], score=100, lang=lang))

            def update(self, metadata, media, lang, force=False):
                show = JSON.ObjectFromURL(API + '/show/' + metadata.id)
                metadata.title = show['title']
                metadata.summary = show['summary']
                metadata.year = int(show.get('year'))
        """;

    private const string SearchUrl = "http://api.shows.example/v2/search?q=Planetes";
    private const string DetailUrl = "http://api.shows.example/v2/show/planetes";

    [Fact]
    public async Task FieldsMovedUnderWrappers_AndASummaryRenamed_AreReadWhereTheApiServesThemNow()
    {
        using var agent = new FixtureAgent("Shows", Agent)
            .Crash("Planetes", DetailUrl, 14, "metadata.title = show['title']", "KeyError: 'title'", "update");
        var api = new PageTable().Serve(DetailUrl, """
            {"data": {"id": "planetes", "type": "anime", "attributes": {"title": "Planetes", "slug": "planetes", "synopsis": "Debris collectors in orbit.", "year": 2003}}}
            """);

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(api));

        // Two keys the code does not read could be the renamed summary: the synonym first, the other as an alternative.
        Assert.Equal(["json-fields-shows", "json-fields-shows-alt1"], report.Fixes.Select(f => f.Id));
        var fix = report.Fixes[0];
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("metadata.summary = show['data']['attributes']['slug']", Apply(Agent, report.Fixes[1].Patch!.Edits!), StringComparison.Ordinal);
        var code = Apply(Agent, fix.Patch!.Edits!);
        Assert.Contains("""
                metadata.title = show['data']['attributes']['title']
                metadata.summary = show['data']['attributes']['synopsis']
                metadata.year = int(show['data']['attributes'].get('year'))
        """, code, StringComparison.Ordinal);
        Assert.All(api.Requests, r => Assert.Equal("application/json", r.Headers["Accept"]));
    }

    [Fact]
    public async Task AListNowWrappedInAnObject_IsIteratedUnderTheKeyHoldingIt()
    {
        using var agent = new FixtureAgent("Shows", Agent)
            .Crash("Planetes", SearchUrl, 10, "results.Append(MetadataSearchResult(id=show['id'], name=show['title'], score=100, lang=lang))", "TypeError: string indices must be integers");
        var api = new PageTable().Serve(SearchUrl, """{"page": 1, "meta": {"count": 1}, "results": [{"id": "planetes", "title": "Planetes"}]}""");

        var report = await agent.DiagnoseAsync(api);

        var fix = Assert.Single(report.Fixes);
        Assert.Contains("        for show in JSON.ObjectFromURL(url)['results']:\n", Apply(Agent, fix.Patch!.Edits!), StringComparison.Ordinal);
    }

    [Fact]
    public void AnObjectNowFirstOfAList_IsReadAtIndexZero()
    {
        var file = new AgentCodeFile("Shows.bundle/Contents/Code/__init__.py", Agent);
        var update = PythonFunction.Named(file, "update")!;
        var reads = JsonAccessReader.InFunction(file, update);
        using var document = System.Text.Json.JsonDocument.Parse("""[{"title": "Planetes", "summary": "Orbit.", "year": 2003}]""");

        var repairs = new JsonFieldHealer(document.RootElement, new HashSet<string>()).Heal(reads, 0, out bool ambiguous);

        Assert.False(ambiguous);
        Assert.Equal(3, repairs.Count);
        Assert.All(repairs, r => Assert.Equal("[0]", r.Steps[0].ToString()));
        Assert.Equal(["['title']", "['summary']", "['year']"], reads.Select(r => r.Path));
    }

    [Fact]
    public async Task AnApiThatStillServesEveryField_GetsNoPatch_AndTheCrashIsLeftUncoveredWithWhy()
    {
        using var agent = new FixtureAgent("Shows", Agent)
            .Crash("Planetes", DetailUrl, 14, "metadata.title = show['title']", "KeyError: 'title'", "update");
        var api = new PageTable().Serve(DetailUrl, """{"title": "Planetes", "summary": "Orbit.", "year": 2003}""");

        var report = await agent.DiagnoseAsync(api, rules: [new JsonFieldRule()]);

        Assert.Empty(report.Fixes);
        Assert.Contains("every read of the document finds its value", Assert.Single(report.Uncovered).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutALookupCrashOnAJsonRead_TheRuleProposesNothing_AndFetchesNothing()
    {
        using var agent = new FixtureAgent("Shows", Agent)
            .Crash("Planetes", SearchUrl, 9, "for show in JSON.ObjectFromURL(url):", "IndexError: list index out of range")
            .Crash("Mushishi", SearchUrl, 8, "url = API + '/search?q=' + String.Quote(media.show)", "KeyError: u'\\xe9'");
        var api = new PageTable();

        var report = await agent.DiagnoseAsync(api, rules: [new JsonFieldRule()]);

        Assert.Empty(report.Fixes);
        Assert.Empty(api.Requests);
    }
}

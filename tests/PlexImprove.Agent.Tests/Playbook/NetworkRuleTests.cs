using PlexImprove.Agent.Brains.Playbook.Network;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The network rules (retry, moved search) and the out-of-reach rule on fixture logs, pages and bundles; patches verified by the real Python 2.7 gate.</summary>
public sealed class NetworkRuleTests
{
    private const string Site = "http://films.example.org";

    private const string Code = """
        BASE = 'http://films.example.org'
        SEARCH = BASE + '/search.php?title=%s'


        def Start():
            HTTP.CacheTime = 0


        class Films(Agent.Movies):
            name = 'Films'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(SEARCH % String.Quote(media.name, usePlus=True))
                for row in page.xpath('//li[@class="hit"]'):
                    results.Append(MetadataSearchResult(id=row.get('data-id'), name=row.text, score=100, lang=lang))

            def update(self, metadata, media, lang, force):
                metadata.summary = HTTP.Request(BASE + '/film/' + metadata.id, timeout=10).content
        """;

    private const string ChallengeBody = "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1\"></script></body></html>";

    [Fact]
    public async Task ServerErrorsNowAndThen_PutEveryFetcherCallBehindARetry_AndThePatchPassesTheGate()
    {
        using var agent = new FixtureAgent("Films", Code)
            .UnopenedSearch("Night Train", Site + "/search.php?title=Night+Train", "HTTPError: HTTP Error 503: Service Unavailable")
            .AnsweredSearch("Blue Hour", Site + "/search.php?title=Blue+Hour")
            .UnopenedSearch("Red Sky", Site + "/search.php?title=Red+Sky", "HTTPError: HTTP Error 503: Service Unavailable");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(new PageTable()));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("network-retry-films", fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Equal(1, CountOf(patched, "def fetch_with_retry(fetch, *args, **kwargs):"));
        Assert.Contains("fetch_with_retry(HTML.ElementFromURL, SEARCH % String.Quote(media.name, usePlus=True))", patched, StringComparison.Ordinal);
        Assert.Contains("fetch_with_retry(HTTP.Request, BASE + '/film/' + metadata.id, timeout=10).content", patched, StringComparison.Ordinal);
        Assert.Contains("Thread.Sleep(pause)", patched, StringComparison.Ordinal);
        Assert.Contains("5xx answers", fix.RootCause, StringComparison.Ordinal);
        Assert.Contains("films.example.org: 1 of 3 answered", fix.RootCause, StringComparison.Ordinal);
        Assert.Empty(report.OutOfReach);
    }

    [Fact]
    public async Task ConnectionsResetOnASiteThatAnswersFromHere_AreRetried()
    {
        using var agent = new FixtureAgent("Films", Code)
            .UnopenedSearch("Night Train", Site + "/search.php?title=Night+Train", "URLError: <urlopen error [Errno 104] Connection reset by peer>")
            .UnopenedSearch("Red Sky", Site + "/search.php?title=Red+Sky", "BadStatusLine: ''");
        var pages = new PageTable().Serve(Site + "/search.php?title=Night+Train", "<ul><li class='hit'>Night Train</li></ul>");

        var report = await agent.DiagnoseAsync(pages);

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(TransientNetworkRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.Contains("connections reset or dropped", fix.RootCause, StringComparison.Ordinal);
        Assert.Contains(fix.Evidence, e => e.Excerpt!.Contains("Connection reset by peer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHostThatNeverResolves_IsReportedGone_AndNothingIsPatched()
    {
        const string Gone = "URLError: <urlopen error [Errno -2] Name or service not known>";
        using var agent = new FixtureAgent("Films", Code)
            .UnopenedSearch("Night Train", Site + "/search.php?title=Night+Train", Gone)
            .UnopenedSearch("Blue Hour", Site + "/search.php?title=Blue+Hour", Gone)
            .UnopenedSearch("Red Sky", Site + "/search.php?title=Red+Sky", Gone);
        var pages = new PageTable().Serve(Site + "/search.php?title=Night+Train", "", status: 0);

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        var gone = Assert.Single(report.OutOfReach);
        Assert.Equal(agent.Identifier, gone.Agent);
        Assert.StartsWith("the site films.example.org is gone: its name no longer resolves (3 of 3 request(s) failed, none answered)", gone.Reason, StringComparison.Ordinal);
        Assert.Contains(gone.Evidence, e => e.Excerpt!.Contains("Name or service not known", StringComparison.Ordinal));
        Assert.All(report.Uncovered, u => Assert.StartsWith("offline-out-of-reach: not fixable offline: ", u.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChallengePage_IsReportedNotFixableOffline_InsteadOfAHeaderFix()
    {
        using var agent = new FixtureAgent("Films", Code)
            .HttpFailure("Night Train", Site + "/search.php?title=Night+Train", 403, "Forbidden")
            .HttpFailure("Blue Hour", Site + "/search.php?title=Blue+Hour", 403, "Forbidden");
        var pages = new PageTable().Serve(Site + "/search.php?title=Night+Train", ChallengeBody, 403, new Dictionary<string, string> { ["cf-mitigated"] = "challenge" });

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        var blocked = Assert.Single(report.OutOfReach);
        Assert.StartsWith("films.example.org serves a browser-verification challenge (HTTP 403, cf-mitigated: challenge) to every client", blocked.Reason, StringComparison.Ordinal);
        Assert.Contains(blocked.Evidence, e => e.Kind == "page" && e.Excerpt == "with browser-like headers: HTTP 403, title 'Just a moment...'");
        Assert.NotEmpty(report.Uncovered);
    }

    [Fact]
    public async Task ALoginWall_IsReportedNotFixableOffline()
    {
        using var agent = new FixtureAgent("Films", Code).HttpFailure("Night Train", Site + "/search.php?title=Night+Train", 401, "Unauthorized");
        var pages = new PageTable().Serve(Site + "/search.php?title=Night+Train", "<form method=post><input name=user><input type=password name=pw></form>", 401);

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        Assert.StartsWith("films.example.org serves a login wall (HTTP 401", Assert.Single(report.OutOfReach).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMovedSearch_FollowsTheSearchFormOfTheHomePage_AndThePatchPassesTheGate()
    {
        using var agent = new FixtureAgent("Films", Code)
            .HttpFailure("Night Train", Site + "/search.php?title=Night+Train", 404, "Not Found")
            .HttpFailure("Blue Hour", Site + "/search.php?title=Blue+Hour", 404, "Not Found");
        var pages = new PageTable()
            .Serve(Site + "/search.php?title=Night+Train", "<h1>Page not found</h1>", 404)
            .Serve(Site + "/", """
                <form action="/account/login" method="post"><input name="user"><input type="password" name="pw"></form>
                <form action="/newsletter"><input type="email" name="email"></form>
                <form id="search" action="/films/find" method="get"><input type="hidden" name="kind" value="film"><input type="search" name="query"></form>
                """);

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("search-moved-films", fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Contains("SEARCH = BASE + '/films/find?kind=film&query=%s'", patched, StringComparison.Ordinal);
        Assert.Contains(fix.Evidence, e => e.Kind == "page" && e.Excerpt == "a search form: GET /films/find with field 'query'");
    }

    [Fact]
    public async Task AMovedSearch_WithoutAFormOnTheHomePage_SaysWhyNothingWasBuilt()
    {
        using var agent = new FixtureAgent("Films", Code).HttpFailure("Night Train", Site + "/search.php?title=Night+Train", 404, "Not Found");
        var pages = new PageTable().Serve(Site + "/search.php?title=Night+Train", "gone", 404).Serve(Site + "/", "<p>Welcome</p>");

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        Assert.Contains(report.Uncovered, u => u.Reason.StartsWith("search-moved: the home page http://films.example.org/ shows no search form", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandshakesThatAlwaysFail_OnASiteServingPlainHttp_MoveTheAgentToHttp()
    {
        const string Handshake = "URLError: <urlopen error [Errno 1] _ssl.c:504: error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure>";
        using var agent = new FixtureAgent("Films", Code.Replace("BASE = 'http://", "BASE = 'https://", StringComparison.Ordinal))
            .UnopenedSearch("Night Train", "https://films.example.org/search.php?title=Night+Train", Handshake)
            .UnopenedSearch("Blue Hour", "https://films.example.org/search.php?title=Blue+Hour", Handshake);
        var pages = new PageTable().Serve(Site + "/search.php?title=Night+Train", "<ul><li class='hit'>Night Train</li></ul>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("tls-plain-http-films", fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("BASE = 'http://films.example.org'", string.Concat(fix.Patch!.Edits.Select(e => e.New)), StringComparison.Ordinal);
        Assert.Contains(fix.Evidence, e => e.Kind == "page" && e.Excerpt == "answers 200 over plain HTTP");
    }

    [Fact]
    public async Task HandshakesThatAlwaysFail_WithoutPlainHttp_SayWhyNothingWasBuilt()
    {
        const string Handshake = "URLError: <urlopen error EOF occurred in violation of protocol (_ssl.c:590)>";
        using var agent = new FixtureAgent("Films", Code.Replace("BASE = 'http://", "BASE = 'https://", StringComparison.Ordinal))
            .UnopenedSearch("Night Train", "https://films.example.org/search.php?title=Night+Train", Handshake);

        var report = await agent.DiagnoseAsync(new PageTable());

        Assert.Empty(report.Fixes);
        Assert.Contains(report.Uncovered, u => u.Reason.StartsWith("tls-plain-http: http://films.example.org/search.php?title=Night+Train does not answer over plain HTTP", StringComparison.Ordinal));
    }

    [Fact]
    public void SearchForms_LeaveOutPostAndPasswordForms_AndPutTheSearchFirst()
    {
        var forms = SearchForm.FindAll("""
            <form action="/go"><input name="page"></form>
            <form action="/login" method="post"><input name="u"></form>
            <form action="/signin"><input name="u"><input type='password' name='p'></form>
            <form action="find" method="GET"><input type="search" name="q"></form>
            """, new Uri("http://films.example.org/catalogue/"));

        Assert.Equal(["/catalogue/find", "/go"], forms.Select(f => f.Path));
        Assert.Equal(["q", "page"], forms.Select(f => f.Field));
    }

    [Theory]
    [InlineData("URLError: <urlopen error [Errno -2] Name or service not known>", NetworkFailureKind.Dns)]
    [InlineData("URLError: <urlopen error [Errno 11001] getaddrinfo failed>", NetworkFailureKind.Dns)]
    [InlineData("URLError: <urlopen error [Errno 111] Connection refused>", NetworkFailureKind.Refused)]
    [InlineData("error: [Errno 104] Connection reset by peer", NetworkFailureKind.Reset)]
    [InlineData("BadStatusLine: ''", NetworkFailureKind.Reset)]
    [InlineData("URLError: <urlopen error [Errno 1] _ssl.c:504: error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure>", NetworkFailureKind.Tls)]
    [InlineData("HTTPError: HTTP Error 502: Bad Gateway", NetworkFailureKind.ServerError)]
    public void NetworkFailures_AreClassifiedByThePython27Wording(string line, NetworkFailureKind kind) =>
        Assert.Equal(kind, NetworkLogScan.Classify(line));

    [Fact]
    public void AnHttp404_IsNotANetworkFailure() => Assert.Null(NetworkLogScan.Classify("HTTPError: HTTP Error 404: Not Found"));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

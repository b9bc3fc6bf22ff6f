using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The HTTP rules (403, 429, timeouts) on fixture logs and bundles, verified by the real Python 2.7 gate.</summary>
public sealed class HttpRuleTests
{
    private const string Code = """
        import re

        BASE = 'https://films.example.org'


        def Start():
            HTTP.CacheTime = 0


        def load_json(url):
            return JSON.ObjectFromURL(url)


        class Films(Agent.Movies):
            name = 'Films'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(BASE + '/find?title=' + String.URLEncode(media.name),
                                           timeout=10)
                for row in page.xpath('//li[@class="hit"]'):
                    results.Append(MetadataSearchResult(id=row.get('data-id'), name=row.text, score=100, lang=lang))

            def update(self, metadata, media, lang, force):
                data = load_json(BASE + '/api/film/' + metadata.id)
                metadata.title = data['title']
                raw = HTTP.Request(BASE + '/poster/' + metadata.id, sleep=0.2).content
        """;

    [Fact]
    public async Task Forbidden_AddsBrowserHeadersToEveryFetcherCall_AndThePatchPassesTheGate()
    {
        using var agent = new FixtureAgent("Films", Code)
            .HttpFailure("Night Train", "https://films.example.org/find?title=Night+Train", 403, "Forbidden")
            .HttpFailure("Blue Hour", "https://films.example.org/find?title=Blue+Hour", 403, "Forbidden");
        var pages = new PageTable().Serve("https://films.example.org/find?title=Night+Train", "<ul><li class='hit'>Night Train</li></ul>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(HttpForbiddenRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Equal(3, CountOf(patched, "headers={'User-Agent': 'Mozilla/5.0"));
        Assert.DoesNotContain("sleep=0.5", patched, StringComparison.Ordinal);
        Assert.Contains(fix.Evidence, e => e.Kind == "page" && e.Excerpt!.Contains("200", StringComparison.Ordinal));
        Assert.Equal("Mozilla", pages.Requests[0].Headers["User-Agent"][..7]);
        Assert.Empty(report.Uncovered);
    }

    [Fact]
    public async Task Forbidden_WithAPacingLesson_AlsoPacesAndSaysWhichLessonShapedIt()
    {
        using var agent = new FixtureAgent("Films", Code).HttpFailure("Night Train", "https://films.example.org/find?title=Night+Train", 403, "Forbidden");
        var lessons = LessonBook.Parse("## diagnose\n- **DO** Pace requests when a fix unblocks a site. (id `pace-when-unblocking`, score 3, tags: http, pacing)\n");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(new PageTable(), lessons));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal(["pace-when-unblocking"], fix.LessonsApplied);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason);
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Equal(2, CountOf(patched, "sleep=0.5"));
        Assert.Contains("sleep=0.2", patched, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_PacesCallsAndDoublesAnExistingPause_AtLeastToRetryAfter()
    {
        using var agent = new FixtureAgent("Films", Code)
            .HttpFailure("Night Train", "https://films.example.org/find?title=Night+Train", 429, "Too Many Requests");
        var pages = new PageTable().Serve("https://films.example.org/find?title=Night+Train", "slow down", 429, new Dictionary<string, string> { ["Retry-After"] = "2" });

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(RateLimitRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason);
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Equal(2, CountOf(patched, "sleep=0.5"));
        Assert.Contains("sleep=2.0", patched, StringComparison.Ordinal);
        Assert.Contains(fix.ExpectedResults, r => r.Metric == "http.429" && r.Target == 0);
        Assert.Contains("Retry-After (2 s)", fix.Contingency, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimedOut_LengthensTimeoutsAndPaces()
    {
        using var agent = new FixtureAgent("Films", Code)
            .FailedSearch("Night Train", "https://films.example.org/find?title=Night+Train", "Error: Search Query did not pull any results: <urlopen error timed out>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(new PageTable()));

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(TimeoutRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason);
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Equal(3, CountOf(patched, "timeout=60.0"));
        Assert.Contains("JSON.ObjectFromURL(url, timeout=60.0, sleep=0.5)", patched, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFixAlreadyAttemptedWithTheSamePatch_IsNotProposedAgain()
    {
        using var agent = new FixtureAgent("Films", Code).HttpFailure("Night Train", "https://films.example.org/find?title=Night+Train", 403, "Forbidden");
        var first = Assert.Single((await agent.DiagnoseAsync(new PageTable())).Fixes);

        var again = await agent.DiagnoseAsync(new PageTable(), attempted: [new(first.Id, first.Title, first.Agents, "rolled_back", PlaybookBrain.PatchHash(first.Patch!))]);

        Assert.Empty(again.Fixes);
        Assert.Contains(again.Notes, n => n.Contains(first.Id, StringComparison.Ordinal));
        Assert.NotEmpty(again.Uncovered);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

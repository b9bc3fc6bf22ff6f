using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>
/// The title rule on titles the site writes differently in several ways at once, on fixture logs, bundles and pages:
/// each patch passes the real Python 2.7 gate, and the patched comparison is run in Python 2.7 on the site's title.
/// </summary>
public sealed class TitleNormalisationRuleTests
{
    private const string Failure = "Error getting Site Title: < Title Match Failure! >";

    /// <summary>An agent without a normalising function: it compares the lower-cased titles as written.</summary>
    private const string EqualityCode = """
        # -*- coding: utf-8 -*-
        SEARCH = 'http://reels.example.org/find?q={0}'


        class Reels(Agent.Movies):
            name = 'Reels'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(SEARCH.format(String.URLEncode(media.name)))
                for link in page.xpath('//ul[@class="hits"]/li/a'):
                    site_title = link.text_content().strip()
                    if site_title.lower() != media.name.lower():
                        Log.Error('Reels - SEARCH:: Error getting Site Title: < Title Match Failure! >')
                        continue
                    results.Append(MetadataSearchResult(id=link.get('href'), name=site_title, score=100, lang=lang))
        """;

    /// <summary>An agent that searches by the first two words and keeps the results that start with them.</summary>
    private const string PrefixCode = """
        SEARCH = 'http://reels.example.org/find?q={0}'


        class Reels(Agent.Movies):
            name = 'Reels'

            def search(self, results, media, lang, manual):
                query = ' '.join(media.name.split(' ')[:2])
                page = HTML.ElementFromURL(SEARCH.format(String.URLEncode(query)))
                for link in page.xpath('//ul[@class="hits"]/li/a'):
                    site_title = link.text_content().strip()
                    if not site_title.lower().startswith(query.lower()):
                        Log.Error('Reels - SEARCH:: Error getting Site Title: < Title Match Failure! >')
                        continue
                    results.Append(MetadataSearchResult(id=link.get('href'), name=site_title, score=100, lang=lang))
        """;

    /// <summary>An agent whose normalising function only lower-cases, used on both sides of its comparison.</summary>
    private const string NormaliserCode = """
        SEARCH = 'http://reels.example.org/find?q={0}'


        def normalise_title(text):
            return text.lower().strip()


        class Reels(Agent.Movies):
            name = 'Reels'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(SEARCH.format(String.URLEncode(media.name)))
                for link in page.xpath('//ul[@class="hits"]/li/a'):
                    if normalise_title(link.text_content()) != normalise_title(media.name):
                        Log.Error('Reels - SEARCH:: Error getting Site Title: < Title Match Failure! >')
                        continue
                    results.Append(MetadataSearchResult(id=link.get('href'), name=link.text_content(), score=100, lang=lang))
        """;

    /// <summary>An agent with a normalising function it does not use where the failing comparison is.</summary>
    private const string UnusedNormaliserCode = """
        SEARCH = 'http://reels.example.org/find?q={0}'


        def clean_year(text):
            return text.strip()


        class Reels(Agent.Movies):
            name = 'Reels'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(SEARCH.format(String.URLEncode(media.name)))
                for link in page.xpath('//ul[@class="hits"]/li/a'):
                    site_title = link.text_content().strip()
                    if site_title.lower() != media.name.lower():
                        Log.Error('Reels - SEARCH:: Error getting Site Title: < Title Match Failure! >')
                        continue
                    results.Append(MetadataSearchResult(id=link.get('href'), name=site_title, score=100, lang=lang))
        """;

    [Fact]
    public async Task AmpersandAndDiacriticsAtOnce_OnAnEqualityComparison_AreHealed()
    {
        using var agent = new FixtureAgent("Reels", EqualityCode)
            .FailedSearch("Cafe Society and Friends", "http://reels.example.org/find?q=Cafe+Society+and+Friends", Failure);
        var pages = new PageTable().Serve("http://reels.example.org/find?q=Cafe+Society+and+Friends",
            "<ul class='hits'><li><a href='/f/1'>Café Society &amp; Friends</a></li><li><a href='/f/2'>Cafe Society</a></li></ul>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("title-typography-reels" + TitleTypographyRule.ComparisonsSuffix, fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("diacritics", fix.Title, StringComparison.Ordinal);
        Assert.Contains("'&' against 'and'", fix.Title, StringComparison.Ordinal);
        var patched = PatchedTitles.Apply(EqualityCode, fix.Patch!);
        Assert.False(await PatchedTitles.ConditionHoldsAsync(patched, "!=", "Café Society & Friends", "Cafe Society and Friends", "Cafe Society and Friends"));
        Assert.True(await PatchedTitles.ConditionHoldsAsync(patched, "!=", "Cafe Society", "Cafe Society and Friends", "Cafe Society and Friends"));
    }

    [Fact]
    public async Task LeadingArticleAndPunctuation_InTheAgentsNormalisingFunction_AreHealed()
    {
        using var agent = new FixtureAgent("Reels", NormaliserCode)
            .FailedSearch("The Long Goodbye - Part 2", "http://reels.example.org/find?q=The+Long+Goodbye+-+Part+2", Failure);
        var pages = new PageTable().Serve("http://reels.example.org/find?q=The+Long+Goodbye+-+Part+2",
            "<ul class='hits'><li><a href='/f/7'>Long Goodbye: Part 2</a></li><li><a href='/f/8'>The Long Goodbye</a></li></ul>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("title-typography-reels", fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("a leading article", fix.Title, StringComparison.Ordinal);
        Assert.Contains("punctuation", fix.Title, StringComparison.Ordinal);
        var patched = PatchedTitles.Apply(NormaliserCode, fix.Patch!);
        Assert.False(await PatchedTitles.ConditionHoldsAsync(patched, "!=", "Long Goodbye: Part 2", "The Long Goodbye - Part 2", ""));
        Assert.True(await PatchedTitles.ConditionHoldsAsync(patched, "!=", "The Long Goodbye", "The Long Goodbye - Part 2", ""));
    }

    [Fact]
    public async Task SearchByTheFirstWords_IsComparedWithTheNamePlexSearched_AndHealed()
    {
        using var agent = new FixtureAgent("Reels", PrefixCode)
            .FailedSearch("Amelie from Montmartre", "http://reels.example.org/find?q=Amelie+from", Failure);
        var pages = new PageTable().Serve("http://reels.example.org/find?q=Amelie+from",
            "<ul class='hits'><li><a href='/f/3'>Amélie from Montmartre</a></li><li><a href='/f/4'>Amelie from Paris</a></li></ul>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("a search by the first words of the title", fix.Title, StringComparison.Ordinal);
        Assert.Contains(fix.Evidence, e => e.Kind == "page" && e.Excerpt!.Contains("searched \"Amelie from Montmartre\"; the site lists \"Amélie from Montmartre\"", StringComparison.Ordinal));
        var patched = PatchedTitles.Apply(PrefixCode, fix.Patch!);
        Assert.False(await PatchedTitles.ConditionHoldsAsync(patched, "startswith", "Amélie from Montmartre", "Amelie from Montmartre", "Amelie from"));
        Assert.True(await PatchedTitles.ConditionHoldsAsync(patched, "startswith", "Amélie in Paris", "Amelie from Montmartre", "Amelie from"));
    }

    [Fact]
    public async Task DifferentFilmsWithSimilarTitles_AreNotMatched_AndNothingIsProposed()
    {
        using var agent = new FixtureAgent("Reels", EqualityCode)
            .FailedSearch("The Hunt", "http://reels.example.org/find?q=The+Hunt", Failure);
        var pages = new PageTable().Serve("http://reels.example.org/find?q=The+Hunt",
            "<ul class='hits'><li><a href='/f/5'>Hunt 2: The Return</a></li><li><a href='/f/6'>A Hunter’s Tale</a></li><li><a href='/f/9'>The Hunted</a></li></ul>");

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        var uncovered = Assert.Single(report.Uncovered);
        Assert.Contains("no title names the searched film", uncovered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAPreflight_ACandidateThatMatchesNothing_GivesWayToTheComparisonRewrite()
    {
        using var agent = new FixtureAgent("Reels", UnusedNormaliserCode)
            .FailedSearch("Cafe Society and Friends", "http://reels.example.org/find?q=Cafe+Society+and+Friends", Failure);
        var pages = new PageTable().Serve("http://reels.example.org/find?q=Cafe+Society+and+Friends",
            "<ul class='hits'><li><a href='/f/1'>Café Society &amp; Friends</a></li></ul>");
        var preflight = new ComparisonPreflight(UnusedNormaliserCode, "Café Society & Friends");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages, preflight: preflight));

        Assert.Equal(["title-typography-reels", "title-typography-reels" + TitleTypographyRule.ComparisonsSuffix], preflight.Ran);
        var fix = Assert.Single(report.Fixes);
        Assert.Equal("title-typography-reels" + TitleTypographyRule.ComparisonsSuffix, fix.Id);
        Assert.Equal("preflight: 1/1 failing items now match", fix.Preflight!.Summary);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains(report.Notes, n => n.StartsWith("title-typography-reels: preflight: 0/1", StringComparison.Ordinal));
    }

    /// <summary>
    /// A pre-flight in miniature: applies the fix to the agent's code and runs its title comparison in Python 2.7 on
    /// the site's title and each failing item's name; an item matches when the comparison no longer fails.
    /// </summary>
    private sealed class ComparisonPreflight(string code, string siteTitle) : IFixPreflight
    {
        public List<string> Ran { get; } = [];

        public int MaxItems => 5;

        public async Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
        {
            Ran.Add(request.Fix.Id);
            var patched = PatchedTitles.Apply(code, request.Fix.Patch!);
            var items = new List<PreflightItemResult>();
            foreach (var item in request.Items)
            {
                bool fails = await PatchedTitles.ConditionHoldsAsync(patched, "!=", siteTitle, item.Name, item.Name);
                items.Add(new PreflightItemResult { Item = item, Outcome = fails ? PreflightItemOutcome.NoMatch : PreflightItemOutcome.Matched });
            }

            return new PreflightResult { FixId = request.Fix.Id, Agent = request.Agent, Ran = true, Items = items };
        }
    }
}

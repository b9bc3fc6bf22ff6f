using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The title-typography and loader rules on fixture logs and bundles, verified by the real Python 2.7 gate.</summary>
public sealed class TitleAndLoaderRuleTests
{
    private const string TitleCode = """
        # -*- coding: utf-8 -*-
        import re

        SEARCH = 'http://cinema.example.net/lookup?kw={0}'


        def clean_title(text):
            '''Lower case, punctuation dropped.'''
            text = text.lower()
            return re.sub(r'[^a-z0-9 ]', '', text).strip()


        class Cinema(Agent.Movies):
            name = 'Cinema'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(SEARCH.format(String.URLEncode(media.name)))
                for link in page.xpath('//td[@class="name"]/a'):
                    if clean_title(link.text_content()) != clean_title(media.name):
                        Log.Error('Cinema - SEARCH:: Error getting Site Title: < Title Match Failure! >')
                        continue
                    results.Append(MetadataSearchResult(id=link.get('href'), name=link.text_content(), score=100, lang=lang))
        """;

    [Fact]
    public async Task TitleFailures_WhereTheSiteWritesDiacriticsAndAmpersands_NormaliseBothSidesInTheAgentsFunction()
    {
        using var agent = new FixtureAgent("Cinema", TitleCode)
            .FailedSearch("Cafe Society and Friends", "http://cinema.example.net/lookup?kw=Cafe+Society+and+Friends", "Error getting Site Title: < Title Match Failure! >")
            .FailedSearch("Ship, The", "http://cinema.example.net/lookup?kw=The+Ship", "Error getting Site Title: < Title Match Failure! >");
        var pages = new PageTable()
            .Serve("http://cinema.example.net/lookup?kw=Cafe+Society+and+Friends", "<table><tr><td class='name'><a href='/f/1'>Café Society &amp; Friends</a></td></tr></table>")
            .Serve("http://cinema.example.net/lookup?kw=The+Ship", "<table><tr><td class='name'><a href='/f/2'>Ship, The</a></td></tr></table>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(TitleTypographyRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var edit = Assert.Single(fix.Patch!.Edits);
        Assert.StartsWith("    text = text.lower()", edit.Old, StringComparison.Ordinal);
        Assert.StartsWith("    # Titles the site and the file may write differently", edit.New, StringComparison.Ordinal);
        Assert.Contains("text = typography_re.sub(u'[\\u0300-\\u036f]'", edit.New, StringComparison.Ordinal);
        Assert.Contains(fix.Evidence, e => e.Kind == "page" && e.Excerpt!.Contains("Café Society & Friends", StringComparison.Ordinal));
        Assert.Contains("diacritics", fix.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TitleFailures_WhereTheSiteListsOtherWords_ProposeNothingAndSayWhy()
    {
        using var agent = new FixtureAgent("Cinema", TitleCode)
            .FailedSearch("Night Train", "http://cinema.example.net/lookup?kw=Night+Train", "Error getting Site Title: < Title Match Failure! >");
        var pages = new PageTable().Serve("http://cinema.example.net/lookup?kw=Night+Train", "<table><tr><td class='name'><a href='/f/9'>Night Train to Lisbon</a></td></tr></table>");

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        var uncovered = Assert.Single(report.Uncovered);
        Assert.Contains("no title names the searched film", uncovered.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TitleTypography_MatchesCuratedPairs_AndKeepsDifferentTitlesApart()
    {
        Assert.True(TitleTypography.DifferOnlyByTypography("Boy’s Life", "Boys Life"));
        Assert.True(TitleTypography.DifferOnlyByTypography("Woodland, The", "The Woodland"));
        Assert.True(TitleTypography.DifferOnlyByTypography("Ève & Adam", "Eve and Adam"));
        Assert.True(TitleTypography.DifferOnlyByTypography("Night Train", "night  train"));
        Assert.True(TitleTypography.DifferOnlyByTypography("Spider-Man: Far From Home", "Spider Man - Far from Home"));
        Assert.False(TitleTypography.DifferOnlyByTypography("Night Train", "Night Train"));
        Assert.False(TitleTypography.DifferOnlyByTypography("Night Train 2", "Night Train"));
        Assert.False(TitleTypography.DifferOnlyByTypography("The Hunted", "The Hunt"));
    }

    [Fact]
    public async Task LoadFailure_OnAnUnderscoreName_RenamesItEverywhere_AndTheGateFindsNothingNew()
    {
        const string Code = """
            def Start():
                _cache = {}
                HTTP.CacheTime = 0
                Log.Info('started with %d entries', len(_cache))


            class Films(Agent.Movies):
                name = 'Films'

                def search(self, results, media, lang, manual):
                    pass
            """;
        using var agent = new FixtureAgent("Films", Code)
            .LoadFailure("SyntaxError: Line 2: \"_cache\" is an invalid variable name because it starts with \"_\"");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(null));

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(LoaderRewriteRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.DoesNotContain("_cache", patched, StringComparison.Ordinal);
        Assert.Contains("len(cache)", patched, StringComparison.Ordinal);
        Assert.Contains(fix.ExpectedResults, r => r.Metric == "loadFailures");
    }

    [Fact]
    public async Task RuntimeOperatorFailure_RewritesAugmentedAssignment_AndKeepsPlusEqualsOnPlainNames()
    {
        const string Code = """
            class Films(Agent.Movies):
                name = 'Films'

                def search(self, results, media, lang, manual):
                    score = 100
                    score -= len(media.name) * 2
                    count = 0
                    count += 1
                    results.Append(MetadataSearchResult(id='1', name=media.name, score=score, lang=lang))
            """;
        using var agent = new FixtureAgent("Films", Code)
            .Crash("Night Train", "http://films.example/x", 6, "score -= len(media.name) * 2", "FrameworkException: Operator '-=' is not supported");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(null));

        var fix = Assert.Single(report.Fixes);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var patched = string.Concat(fix.Patch!.Edits.Select(e => e.New));
        Assert.Contains("score = score - (len(media.name) * 2)", patched, StringComparison.Ordinal);
        Assert.DoesNotContain("count = count", patched, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBuiltin_SumIsRewrittenWithReduce()
    {
        const string Code = """
            class Films(Agent.Movies):
                name = 'Films'

                def search(self, results, media, lang, manual):
                    total = sum([len(part) for part in media.name.split(' ')])
                    results.Append(MetadataSearchResult(id='1', name=media.name, score=total, lang=lang))
            """;
        using var agent = new FixtureAgent("Films", Code)
            .Crash("Night Train", "http://films.example/x", 5, "total = sum([len(part) for part in media.name.split(' ')])", "NameError: global name 'sum' is not defined");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(null));

        var fix = Assert.Single(report.Fixes);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("reduce(lambda total, value: total + value, [len(part) for part in media.name.split(' ')], 0)", fix.Patch!.Edits[0].New, StringComparison.Ordinal);
    }
}

using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>
/// Titles a site writes differently from the file in several ways at once — curly quotes, diacritics, '&amp;'/'and',
/// punctuation, a leading article, case and spacing — for an agent that searches by the first word of the title.
/// </summary>
public sealed class TitleMixTests
{
    /// <summary>(the site's title, the file's title): each pair mixes two or more kinds of difference.</summary>
    private static readonly (string Site, string File)[] Mixes =
    [
        ("Paris Café Nights", "Paris Cafe Nights"),
        ("Salt & Pepper", "Salt and Pepper"),
        ("The Grand Hôtel Budapest", "Grand Hotel Budapest"),
        ("Rosa’s Song", "Rosas Song"),
        ("Nights With Zoë & Chloé", "Nights with Zoe and Chloe"),
        ("The Return of Señor López", "Return of Senor Lopez"),
        ("Moulin  Blues — Encore!", "Moulin Blues - Encore"),
        ("“Kings and Queens” — Live", "Kings & Queens - Live"),
        ("The Lovers’ Lane", "Lovers Lane"),
        ("ROCK AND ROLL HEAVEN", "Rock & Roll Heaven"),
    ];

    /// <summary>Other films the same first-word searches return: never the same film.</summary>
    private static readonly (string Site, string File)[] OtherFilms =
    [
        ("Paris Blues", "Paris Cafe Nights"),
        ("Salt Flats", "Salt and Pepper"),
        ("Summer of Love 2", "summer of love"),
        ("Harbour Lights 2", "Harbour Lights"),
    ];

    private const string FirstWordCode = """
        # -*- coding: utf-8 -*-
        SEARCH = 'http://nook.example/search?s={0}'


        def clean_title(title):
            '''The form both titles are compared in.'''
            return ' '.join(title.lower().split())


        class Nook(Agent.Movies):
            name = 'Nook'

            def search(self, results, media, lang, manual):
                title = media.name.split(' - ', 1)[-1]
                words = [word for word in title.split() if word.lower() not in ('the', 'a', 'an')]
                page = HTML.ElementFromURL(SEARCH.format(String.URLEncode(words[0])))
                for hit in page.xpath('//li[@class="hit"]'):
                    site_title = hit.xpath('./a/text()')[0].strip()
                    if clean_title(site_title) != clean_title(title.decode('utf-8')):
                        Log.Error('Nook - SEARCH:: Error getting Site Title: < Title Match Failure! >')
                        continue
                    results.Append(MetadataSearchResult(id=hit.xpath('./a/@href')[0], name=site_title, score=100, lang=lang))
        """;

    [Fact]
    public void Normalise_EveryMix_NamesTheSameFilm_AndOtherFilmsStayDifferent()
    {
        Assert.All(Mixes, m => Assert.True(TitleTypography.DifferOnlyByTypography(m.Site, m.File), $"{m.Site} / {m.File}"));
        Assert.All(OtherFilms, m => Assert.False(TitleTypography.DifferOnlyByTypography(m.Site, m.File), $"{m.Site} / {m.File}"));
    }

    [Theory]
    [InlineData("(Rive Gauche) - Paris Cafe Nights", "Paris Cafe Nights")]
    [InlineData("(Rive Gauche) - Paris Cafe Nights (2007)", "Paris Cafe Nights")]
    [InlineData("Paris Cafe Nights (2007)", "Paris Cafe Nights")]
    [InlineData("[Spice Route] Return of Senor Lopez", "Return of Senor Lopez")]
    public void SearchedName_AFileNameWithStudioAndYear_AlsoYieldsTheTitleTheAgentParsesOutOfIt(string name, string title)
    {
        Assert.Equal([name, title], SearchedName.Forms(name));
    }

    [Fact]
    public void SearchedName_APlainTitle_IsItsOnlyForm()
    {
        Assert.Equal(["Moulin Blues - Encore"], SearchedName.Forms("Moulin Blues - Encore"));
    }

    [Fact]
    public void Differences_OfAMix_NameEachKind()
    {
        Assert.Equal(["diacritics", "'&' against 'and'", "a leading article"], TitleTypography.Differences("The Grand Hôtel & Spa", "Grand Hotel and Spa"));
        Assert.Equal(["curly quotes or apostrophes", "'&' against 'and'", "punctuation"], TitleTypography.Differences("“Kings and Queens” — Live", "Kings & Queens - Live"));
    }

    [Fact]
    public async Task FirstWordSearch_WithANormalisingFunction_IsHealedInThatFunction_AndThePatchedPython27MatchesEveryMix()
    {
        // Plex searches with the file's name; the agent parses the title out of it and sends its first word.
        using var agent = new FixtureAgent("Nook", FirstWordCode)
            .FailedSearch("(Rive Gauche) - Paris Cafe Nights", "http://nook.example/search?s=Paris", "Error getting Site Title: < Title Match Failure! >");
        var pages = new PageTable().Serve("http://nook.example/search?s=Paris",
            "<ol class='hits'><li class='hit'><a href='/film/1.html'>Paris Blues</a></li><li class='hit'><a href='/film/2.html'>Paris Café Nights</a></li></ol>");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("title-typography-nook", fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        Assert.Contains("a search by the first words of the title", fix.Title, StringComparison.Ordinal);
        var patched = PatchedTitles.Apply(FirstWordCode, fix.Patch!);
        var pairs = string.Join(", ", Mixes.Concat(OtherFilms).Select(m => $"({PatchedTitles.Literal(m.Site)}, {PatchedTitles.Literal(m.File)})"));
        var verdicts = await PatchedTitles.EvaluateAsync(patched, $"[clean_title(a) == clean_title(b) for (a, b) in [{pairs}]]");
        Assert.Equal("[" + string.Join(", ", Mixes.Select(_ => "True").Concat(OtherFilms.Select(_ => "False"))) + "]", verdicts);
    }
}

using HtmlAgilityPack;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Selectors;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>
/// The selector healer on the layout changes real sites make — a result list that became cards, renamed ids and
/// classes, fields found by their label (th/td rows, dt/dd, label and value spans) whose label or container moved —
/// each verified on the whole chain the code runs: the container it takes [0] of, the loop over its results, the
/// relative xpath on each result, the link it follows and the fields it reads, on the new page and on the old one.
/// </summary>
public sealed class SelectorLayoutChangeTests
{
    private const string CardsSearchCode = """
        def search(results, media):
            page = HTML.ElementFromURL('http://films.example/search?q=' + String.URLEncode(media.name))
            listing = page.xpath('//ul[@class="search-list"]')[0]
            for row in listing.xpath('./li[@class="search-list__row"]'):
                link = row.xpath('./a')[0]
                if link.text_content().strip().lower() == media.name.lower():
                    results.Append(link.get('href'))
        """;

    private const string OldList = """
        <html><body><ul class="search-list">
        <li class="search-list__row"><a href="/film/2">Harbour Lights 2</a> <span>(2006)</span></li>
        <li class="search-list__row"><a href="/film/1">Harbour Lights</a> <span>(2004)</span></li>
        </ul></body></html>
        """;

    private const string NewCards = """
        <html><body><header class="site-header"><a class="logo" href="/">Films</a></header>
        <main><section class="catalogue-grid">
        <div class="film-card"><img class="film-card__poster" src="/i/2.jpg"><h2 class="film-card__title"><a href="/film/2">Harbour Lights 2</a></h2><span class="film-card__year">2006</span></div>
        <div class="film-card"><img class="film-card__poster" src="/i/1.jpg"><h2 class="film-card__title"><a href="/film/1">Harbour Lights</a></h2><span class="film-card__year">2004</span></div>
        </section></main></body></html>
        """;

    [Fact]
    public void ResultListBecameCards_LoopedRowsHealToTheElementUnderWhichTheRowsXPathHolds_AndTheTitlesLinkIsFollowed()
    {
        var healer = Heal(CardsSearchCode, NewCards, "Harbour Lights");

        Assert.Empty(healer.Unhealed);
        Assert.Collection(healer.Healed,
            c => Assert.Equal(("container", "//ul[@class=\"search-list\"] | //section[@class=\"catalogue-grid\"]"), (c.Role, c.Union)),
            i => Assert.Equal(("item", "./li[@class=\"search-list__row\"] | .//h2[@class=\"film-card__title\"]"), (i.Role, i.Union)));
        Assert.Equal("/film/1", healer.ResultLink);
        foreach (var page in new[] { NewCards, OldList })
        {
            // The chain as the code runs it: [0] of the container, each row, './a'[0] on it, its text and href.
            var rows = Under(First(page, healer.Healed[0].Union), healer.Healed[1].Union);
            var links = rows.Select(r => Under(r, "./a")[0]).ToList();
            Assert.Equal(["Harbour Lights 2", "Harbour Lights"], links.Select(l => l.InnerText.Trim()));
            Assert.Equal(["/film/2", "/film/1"], links.Select(l => l.GetAttributeValue("href", "")));
        }
    }

    private const string RenamedSearchCode = """
        def search(results, media):
            page = HTML.ElementFromURL('http://reels.example/find?title=' + String.URLEncode(media.name))
            container = page.xpath('//div[@id="searchResults"]')[0]
            rows = container.xpath('.//div[@class="result-row"]')
            for row in rows:
                anchor = row.xpath('.//a[@class="result-row__link"]')[0]
                if anchor.text_content().strip() == media.name:
                    results.Append(anchor.get('href'))
        """;

    private const string RenamedCards = """
        <html><body><nav class="top-nav"><a class="top-nav__link" href="/">Home</a></nav>
        <div id="search-results" class="results-grid">
        <article class="result-card"><a class="result-card__link" href="/title/2/">Night Shift 2</a><span class="result-card__year">2010</span></article>
        <article class="result-card"><a class="result-card__link" href="/title/1/">Night Shift</a><span class="result-card__year">2008</span></article>
        </div></body></html>
        """;

    [Fact]
    public void RenamedIdsAndClasses_RowsHealToTheCardNotItsLink_SoTheRowsOwnXPathStillFindsTheLinkInEveryCard()
    {
        var healer = Heal(RenamedSearchCode, RenamedCards, "Night Shift");

        Assert.Empty(healer.Unhealed);
        Assert.Equal(
            [
                ("container", "//div[@id=\"searchResults\"] | //div[@class=\"results-grid\"]"),
                ("item", ".//div[@class=\"result-row\"] | .//article[@class=\"result-card\"]"),
                ("item", ".//a[@class=\"result-row__link\"] | .//a[@class=\"result-card__link\"]"),
            ],
            healer.Healed.Select(h => (h.Role, h.Union)));
        var rows = Under(First(RenamedCards, healer.Healed[0].Union), healer.Healed[1].Union);
        Assert.Equal(["/title/2/", "/title/1/"], rows.Select(r => Under(r, healer.Healed[2].Union)[0].GetAttributeValue("href", "")));
        Assert.Equal("/title/1/", healer.ResultLink);
    }

    private const string FactsTableCode = """
        def update(metadata, media):
            page = HTML.ElementFromURL('http://films.example/film/' + metadata.id)
            metadata.title = page.xpath('//h1[@class="film-title"]/text()')[0].strip()
            facts = page.xpath('//table[@class="film-facts"]')[0]
            metadata.studio = facts.xpath('.//th[text()="Studio"]/following-sibling::td/text()')[0].strip()
            metadata.year = int(facts.xpath('.//th[text()="Year"]/following-sibling::td/text()')[0])
        """;

    private const string OldTable = """
        <html><body><h1 class="film-title">Harbour Lights</h1>
        <table class="film-facts"><tr><th>Studio</th><td>Northern Reel</td></tr><tr><th>Year</th><td>2004</td></tr></table></body></html>
        """;

    private const string NewDefinitions = """
        <html><body><article class="film"><h1 class="film-title">Harbour Lights</h1>
        <div class="film-meta"><dl class="film-details"><dt>Runtime</dt><dd>94 min</dd><dt>Studio</dt><dd><a href="/studio/nr">Northern Reel</a></dd><dt>Year</dt><dd>2004</dd></dl></div>
        </article></body></html>
        """;

    [Fact]
    public void HeaderCellsBecameADefinitionList_TheContainerAndEachLabelledFieldHeal_AndReadTheSameValuesOnBothLayouts()
    {
        var healer = Heal(FactsTableCode, NewDefinitions, null);

        Assert.Empty(healer.Unhealed);
        Assert.Equal(["container", "field", "field"], healer.Healed.Select(h => h.Role));
        Assert.Equal(".//th[text()=\"Studio\"]/following-sibling::td/text() | .//dt[normalize-space()=\"Studio\"]/following-sibling::*[1]//text()[normalize-space()]", healer.Healed[1].Union);
        foreach (var page in new[] { NewDefinitions, OldTable })
        {
            var facts = First(page, healer.Healed[0].Union);
            Assert.Equal("Northern Reel", Text(facts, healer.Healed[1].Union));
            Assert.Equal("2004", Text(facts, healer.Healed[2].Union));
        }
    }

    private const string LabelSpansCode = """
        def update(metadata, media):
            page = HTML.ElementFromURL('http://reels.example/title/' + metadata.id + '/')
            metadata.title = page.xpath('//h1[@id="film-name"]/text()')[0].strip()
            metadata.studio = page.xpath('//div[@class="film-meta"]/span[@class="meta-label" and text()="Studio:"]/following-sibling::span[1]/text()')[0].strip()
            metadata.year = int(page.xpath('//div[@class="film-meta"]/span[@class="meta-label" and text()="Released:"]/following-sibling::span[1]/text()')[0])
            metadata.summary = page.xpath('//div[@class="film-synopsis"]/text()')[0].strip()
        """;

    private const string OldSpans = """
        <html><body><h1 id="film-name">Night Shift</h1>
        <div class="film-meta"><span class="meta-label">Studio:</span> <span class="meta-value">Blue Hour</span><br><span class="meta-label">Released:</span> <span class="meta-value">2008</span></div>
        <div class="film-synopsis">Two nurses.</div></body></html>
        """;

    private const string NewFacts = """
        <html><body><div class="title-page"><h1 class="title-page__name">Night Shift</h1>
        <ul class="title-facts"><li><span class="title-facts__label">Released</span><span class="title-facts__value">2008</span></li><li><span class="title-facts__label">STUDIO</span><span class="title-facts__value">Blue Hour</span></li></ul>
        <section class="synopsis"><p>Two nurses.</p></section></div></body></html>
        """;

    [Fact]
    public void LabelsLostTheirColonAndMovedContainer_IdsRenamed_TextMovedIntoAParagraph_EachFieldReadsItsOwnValue()
    {
        var healer = Heal(LabelSpansCode, NewFacts, null);

        Assert.Empty(healer.Unhealed);
        Assert.Equal(4, healer.Healed.Count);
        var expected = new[] { "Night Shift", "Blue Hour", "2008", "Two nurses." };
        foreach (var page in new[] { NewFacts, OldSpans })
        {
            Assert.Equal(expected, healer.Healed.Select(h => Text(Parse(page), h.Union)));
        }
    }

    [Fact]
    public void ALabelThatIsNowhereOnThePage_IsLeftUnhealed_RatherThanReadFromAnotherField()
    {
        var healer = Heal(LabelSpansCode, NewFacts.Replace("STUDIO", "Label", StringComparison.Ordinal), null);

        var unhealed = Assert.Single(healer.Unhealed);
        Assert.Contains("Studio:", unhealed.Call.Expression, StringComparison.Ordinal);
        Assert.DoesNotContain(healer.Healed, h => h.Call.Expression.Contains("Studio:", StringComparison.Ordinal));
    }

    private static SelectorHealer Heal(string code, string page, string? searched)
    {
        var file = new AgentCodeFile("Films.bundle/Contents/Code/__init__.py", code);
        var healer = new SelectorHealer(page, searched);
        healer.Replay(file, 1, code.Split('\n').Length);
        return healer;
    }

    private static HtmlNode Parse(string html) => HtmlXPath.Parse(html).DocumentNode;

    private static HtmlNode First(string html, string expression) => Under(Parse(html), expression)[0];

    private static List<HtmlNode> Under(HtmlNode context, string expression) =>
        [.. (context.SelectNodes(expression) ?? Enumerable.Empty<HtmlNode>())];

    /// <summary>What <c>node.xpath(expression)[0].strip()</c> gives: the first text node's or element's text.</summary>
    private static string Text(HtmlNode context, string expression)
    {
        var navigator = context.CreateNavigator()!;
        var iterator = navigator.Select(expression);
        Assert.True(iterator.MoveNext(), $"'{expression}' matches nothing");
        return System.Net.WebUtility.HtmlDecode(iterator.Current!.Value).Trim();
    }
}

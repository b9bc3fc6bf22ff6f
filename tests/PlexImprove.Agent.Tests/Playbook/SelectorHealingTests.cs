using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Brains.Playbook.Selectors;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>
/// Selector healing on two layout changes of fixture sites: a results table that became a list of cards with
/// labelled facts on the detail page, and a results block that became a grid of linked cards.
/// </summary>
public sealed class SelectorHealingTests
{
    private const string TableAgent = """
        BASE = 'https://films.example.org'


        class Films(Agent.Movies):
            name = 'Films'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(BASE + '/find?title=' + String.URLEncode(media.name))
                table = page.xpath('//table[@id="results"]')[0]
                for cell in table.xpath('.//td[@class="title"]/a'):
                    if cell.text_content().strip().lower() == media.name.lower():
                        results.Append(MetadataSearchResult(id=cell.get('href').split('/')[-1], name=media.name, score=100, lang=lang))

            def update(self, metadata, media, lang, force):
                page = HTML.ElementFromURL(BASE + '/film/' + metadata.id)
                metadata.studio = page.xpath('//span[@class="studio"]/text()')[0].strip()
                metadata.year = int(page.xpath('//span[@class="year"]/text()')[0])
                metadata.summary = page.xpath('//div[@class="description"]/text()')[0].strip()
        """;

    private const string OldSearch = "<html><body><table id=\"results\"><tr><td class=\"title\"><a href=\"/film/12\">Night Train</a></td></tr></table></body></html>";
    private const string NewSearch = "<html><body><div id=\"content\"><ul class=\"film-list\"><li class=\"film\"><span class=\"film-name\"><a href=\"/film/13\">Night Train 2</a></span></li><li class=\"film\"><span class=\"film-name\"><a href=\"/film/12\">Night Train</a></span></li></ul></div></body></html>";
    private const string OldDetail = "<html><body><span class=\"studio\">Falcon</span><span class=\"year\">2011</span><div class=\"description\">A night.</div></body></html>";
    private const string NewDetail = "<html><body><table class=\"facts\"><tr><th>Studio:</th><td>Falcon</td></tr><tr><th>Year</th><td>2011</td></tr></table><p itemprop=\"description\">A night.</p></body></html>";

    [Fact]
    public async Task TableBecameCards_HealsSearchAndDetailSelectorsWithUnionsThatReadBothLayouts()
    {
        using var agent = new FixtureAgent("Films", TableAgent)
            .Crash("Night Train", "https://films.example.org/find?title=Night+Train", 9, "table = page.xpath('//table[@id=\"results\"]')[0]", "IndexError: list index out of range");
        var pages = new PageTable()
            .Serve("https://films.example.org/find?title=Night+Train", NewSearch)
            .Serve("https://films.example.org/film/12", NewDetail);

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(pages));

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(SelectorHealingRule.RuleName, fix.Id, StringComparison.Ordinal);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var code = Apply(File.ReadAllText(agent.CodePath), fix.Patch!.Edits);
        var container = Expression(code, "table = page.xpath('");
        var items = Expression(code, "for cell in table.xpath('");
        Assert.Equal("//table[@id=\"results\"] | //ul[@class=\"film-list\"]", container);
        Assert.Equal(".//td[@class=\"title\"]/a | .//span[@class=\"film-name\"]/a", items);
        foreach (var html in new[] { OldSearch, NewSearch })
        {
            Assert.Contains("Night Train", HtmlXPath.Evaluate(html, "(" + container + ")" + items[1..].Replace(" | .", " | (" + container + ")", StringComparison.Ordinal)).Matches.Select(m => m.Text));
        }

        foreach (var (line, expected) in new[] { ("metadata.studio = page.xpath('", "Falcon"), ("metadata.year = int(page.xpath('", "2011"), ("metadata.summary = page.xpath('", "A night.") })
        {
            var expression = Expression(code, line);
            Assert.Equal(expected, HtmlXPath.Evaluate(OldDetail, expression).Matches[0].Text);
            Assert.Equal(expected, HtmlXPath.Evaluate(NewDetail, expression).Matches[0].Text);
        }
    }

    [Fact]
    public void ResultsBecameAGridOfLinkedCards_TheItemSelectorFollowsTheTitleLink_AndTheContainerHoldsEveryCard()
    {
        const string Code = """
            def search(results, media):
                page = HTML.ElementFromURL('https://catalogue.example.com/s?q=' + String.URLEncode(media.name))
                block = page.xpath("//div[@id='search-results']")[0]
                links = block.xpath("./h2[@class='film-title']/a")
                for link in links:
                    results.Append(link.text_content())
            """;
        const string Grid = """
            <html><body><header class="top"><a href="/">Home</a></header>
            <section class="results-grid">
              <div class="card"><a class="card__link" href="/m/4"><span class="card__title">Harbour Lights</span></a></div>
              <div class="card"><a class="card__link" href="/m/5"><span class="card__title">Night Train</span></a></div>
            </section></body></html>
            """;
        var file = new AgentCodeFile("Catalogue.bundle/Contents/Code/__init__.py", Code);
        var healer = new SelectorHealer(Grid, "Night Train");

        healer.Replay(file, 2, 6);

        Assert.Empty(healer.Unhealed);
        Assert.Collection(healer.Healed,
            c => Assert.Equal(("container", "//div[@id='search-results'] | //section[@class=\"results-grid\"]"), (c.Role, c.Union)),
            i => Assert.Equal(("item", "./h2[@class='film-title']/a | .//a[@class=\"card__link\"]", 2), (i.Role, i.Union, i.Matches)));
        Assert.Equal("/m/5", healer.ResultLink);
    }

    [Fact]
    public async Task SelectorsThatStillMatch_AreNotTouched_AndTheCrashIsReportedUncovered()
    {
        using var agent = new FixtureAgent("Films", TableAgent)
            .Crash("Night Train", "https://films.example.org/find?title=Night+Train", 9, "table = page.xpath('//table[@id=\"results\"]')[0]", "IndexError: list index out of range");
        var pages = new PageTable().Serve("https://films.example.org/find?title=Night+Train", OldSearch).Serve("https://films.example.org/film/12", OldDetail);

        var report = await agent.DiagnoseAsync(pages);

        Assert.Empty(report.Fixes);
        Assert.Contains(report.Uncovered, u => u.Reason.Contains("match on the page the site serves now", StringComparison.Ordinal));
    }

    private static string Apply(string code, IEnumerable<PlexImprove.Agent.Diagnosis.PatchEdit> edits)
    {
        foreach (var edit in edits)
        {
            Assert.Equal(1, (code.Length - code.Replace(edit.Old, "", StringComparison.Ordinal).Length) / edit.Old.Length);
            code = code.Replace(edit.Old, edit.New, StringComparison.Ordinal);
        }

        return code;
    }

    private static string Expression(string code, string prefix)
    {
        int start = code.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        return code[start..code.IndexOf('\'', start)];
    }
}

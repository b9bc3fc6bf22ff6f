using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>The selector healer verifies a container on the chain the code runs after it, not on the container alone.</summary>
public sealed class SelectorChainTests
{
    private const string HitsAgent = """
        BASE = 'https://reels.example.net'


        class Reels(Agent.Movies):
            name = 'Reels'

            def search(self, results, media, lang, manual):
                page = HTML.ElementFromURL(BASE + '/search?q=' + String.URLEncode(media.name))
                hits = page.xpath('//ul[@id="hits"]')[0]
                for link in hits.xpath('./li/a'):
                    if link.text_content().strip().lower() == media.name.lower():
                        results.Append(MetadataSearchResult(id=link.get('href').split('/')[-1], name=media.name, score=100, lang=lang))
        """;

    // The result's text carries a year the searched name lacks, so no result is recognised by its title: the healer
    // falls back to the old selector's word ("hits"), which names a link first and the list second.
    private const string NewSearch = "<html><body><a class=\"hits\" href=\"/help/hits\">How hits are ranked</a>" +
        "<ol class=\"hits\"><li><a href=\"/reel/12\">Night Train (2011)</a></li><li><a href=\"/reel/13\">Night Train 2 (2013)</a></li></ol></body></html>";

    [Fact]
    public async Task ContainerCandidateUnderWhichTheCodesRelativeXPathFindsNothing_IsPassedOver_ForOneWhereTheWholeChainHolds()
    {
        using var agent = new FixtureAgent("Reels", HitsAgent)
            .Crash("Night Train", "https://reels.example.net/search?q=Night+Train", 9, "hits = page.xpath('//ul[@id=\"hits\"]')[0]", "IndexError: list index out of range");
        var pages = new PageTable().Serve("https://reels.example.net/search?q=Night+Train", NewSearch);

        var report = await agent.DiagnoseAsync(pages);

        var fix = Assert.Single(report.Fixes);
        Assert.StartsWith(SelectorHealingRule.RuleName, fix.Id, StringComparison.Ordinal);
        var edit = Assert.Single(fix.Patch!.Edits);
        Assert.Contains("//ul[@id=\"hits\"] | //ol[@class=\"hits\"]", edit.New, StringComparison.Ordinal);
        Assert.DoesNotContain("//a[@class=\"hits\"]", edit.New, StringComparison.Ordinal);
    }
}

using System.Security.Cryptography;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Scenarios;

/// <summary>The demo's documented baseline and the fixes its README describes (applied to the run copy, then restarted).</summary>
public sealed class DemoScenarioTests
{
    /// <summary>The window of the demo GEVI site's rate limit (3 requests in any second).</summary>
    private static readonly TimeSpan GeviRateWindow = TimeSpan.FromSeconds(1);

    private const string Browser = "headers={'User-Agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', 'Accept-Language': 'en-US,en;q=0.9'}";

    [Fact]
    public async Task Baseline_SucceedsForTenToTwentyPercentOfItems_AndLeavesTheShippedScenarioUntouched()
    {
        var shippedBefore = Fingerprint(SandboxRun.DemoRoot);
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);

        foreach (var section in run.Host.Library.Sections)
        {
            await run.RefreshSectionAsync(section.Id);
        }

        var items = run.Host.Library.Items.ToList();
        var rate = items.Count(i => i.LastRefresh == RefreshOutcome.Updated) / (double)items.Count;
        Assert.InRange(rate, 0.10, 0.20);
        var gevi = run.ReadLog("com.plexapp.agents.GEVI");
        Assert.Contains("HTTP Error 403: Forbidden", gevi, StringComparison.Ordinal);
        Assert.Contains("< Title Match Failure! >", run.ReadLog("com.plexapp.agents.AEBN"), StringComparison.Ordinal);
        Assert.Contains("IndexError: list index out of range", run.ReadLog("com.plexapp.agents.GayEmpire"), StringComparison.Ordinal);
        Assert.DoesNotContain(" ERROR ", run.ReadLog("com.plexapp.agents.HomoActive").Replace("resourceHashes'", "", StringComparison.Ordinal).Split('\n').Where(l => !l.Contains("resourceHashes", StringComparison.Ordinal)), StringComparer.Ordinal);
        Assert.Equal(shippedBefore, Fingerprint(SandboxRun.DemoRoot));
    }

    [Fact]
    public async Task GeviFixes_BrowserHeadersMeetTheRateLimit_ThenPacingSucceeds()
    {
        var clock = new HoldableClock();
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot, time: clock);
        var code = run.CodePath("GEVI");
        const string Path = "/data/Movies/(Dark Alley Media)";

        Edit(code, "return HTML.ElementFromURL(url, timeout=float(Prefs['timeout']))", $"return HTML.ElementFromURL(url, timeout=float(Prefs['timeout']), {Browser})");
        await run.RestartPluginAsync("com.plexapp.agents.GEVI");

        // Unpaced, the agent asks faster than the site allows; with the clock held that holds on a slow machine too.
        clock.Hold();
        await run.RefreshSectionAsync(1, Path);
        var afterHeaders = Outcomes(run, 1, Path);
        var log = run.ReadLog("com.plexapp.agents.GEVI");
        clock.Release();

        clock.Skip(GeviRateWindow); // the refreshes so far count no more against the site's limit
        Edit(code, $"{Browser})", $"{Browser}, sleep=0.5)");
        await run.RestartPluginAsync("com.plexapp.agents.GEVI");
        await run.RefreshSectionAsync(1, Path);

        Assert.DoesNotContain("HTTP Error 403", log, StringComparison.Ordinal);
        Assert.True(log.Contains("HTTP Error 429: Too Many Requests", StringComparison.Ordinal), log);
        Assert.Contains(RefreshOutcome.Updated, afterHeaders);
        Assert.NotEqual(afterHeaders.Count, afterHeaders.Count(o => o == RefreshOutcome.Updated));
        Assert.All(Outcomes(run, 1, Path), o => Assert.Equal(RefreshOutcome.Updated, o));
    }

    [Fact]
    public async Task AebnFix_NormalisingCurlyApostrophesAndTrailingArticles_MatchesEveryTitle()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        Edit(run.CodePath("AEBN"), "    title = title.lower().strip()\n",
            "    title = title.replace(u'\\u2019', \"'\").lower().strip()\n" +
            "    for article in ('the', 'a', 'an'):\n" +
            "        if title.endswith(', ' + article):\n" +
            "            title = article + ' ' + title[:-len(article) - 2]\n");
        await run.RestartPluginAsync("com.plexapp.agents.AEBN");

        await run.RefreshSectionAsync(2);

        Assert.All(Outcomes(run, 2), o => Assert.Equal(RefreshOutcome.Updated, o));
    }

    [Fact]
    public async Task GayEmpireFix_ReadingTheNewLayout_UpdatesEveryItem()
    {
        await using var run = await SandboxRun.StartAsync(SandboxRun.DemoRoot);
        var code = run.CodePath("GayEmpire");
        Edit(code, """page.xpath('//div[@class="list-view"]')[0]""", """page.xpath('//div[@class="list-view"] | //main[@class="search-results"]')[0]""");
        Edit(code, """listing.xpath('./div[@class="item-title"]/a')""", """listing.xpath('./div[@class="item-title"]/a | .//h3[@class="grid-item__title"]/a')""");
        Edit(code, """page.xpath('//ul[@class="list-unstyled"]/li[@class="studio"]/a/text()')[0]""",
            """page.xpath('//ul[@class="list-unstyled"]/li[@class="studio"]/a/text() | //dd[@class="studio"]/a/text()')[0]""");
        Edit(code, """page.xpath('//ul[@class="list-unstyled"]/li[@class="year"]/text()')[0]""",
            """page.xpath('//ul[@class="list-unstyled"]/li[@class="year"]/text() | //dd[@class="year"]/text()')[0]""");
        Edit(code, """page.xpath('//div[@class="synopsis"]/p/text()')[0]""",
            """page.xpath('//div[@class="synopsis"]/p/text() | //div[@class="synopsis-content"]/p/text()')[0]""");
        await run.RestartPluginAsync("com.plexapp.agents.GayEmpire");

        await run.RefreshSectionAsync(3);

        Assert.All(Outcomes(run, 3), o => Assert.Equal(RefreshOutcome.Updated, o));
    }

    private static List<RefreshOutcome?> Outcomes(SandboxRun run, int section, string? pathPrefix = null) =>
        [.. run.Host.Library.Section(section)!.Items.Where(i => pathPrefix is null || i.File.StartsWith(pathPrefix, StringComparison.Ordinal)).Select(i => i.LastRefresh)];

    private static void Edit(string path, string from, string to)
    {
        var code = File.ReadAllText(path);
        Assert.Contains(from, code, StringComparison.Ordinal);
        File.WriteAllText(path, code.Replace(from, to, StringComparison.Ordinal));
    }

    private static string Fingerprint(string root)
    {
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(root, f) + ":" + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        return string.Join('\n', files);
    }
}

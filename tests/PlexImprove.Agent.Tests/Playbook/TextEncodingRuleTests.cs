using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Brains.Playbook.Rules;
using PlexImprove.Agent.Brains.Playbook.Text;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>
/// The text rule on an agent written for ASCII titles: it quotes unicode for a URL (<c>KeyError: u'\xe9'</c> in Plex,
/// whose default encoding is UTF-8) and reads a Latin-1 site as UTF-8 (<c>UnicodeDecodeError</c>).
/// </summary>
public sealed class TextEncodingRuleTests
{
    private const string Agent = """
        import urllib

        BASE = 'http://films.example.org'


        def fetch_page(url):
            return HTML.ElementFromString(HTTP.Request(url).content.decode('utf-8'))


        class Films(Agent.Movies):
            name = 'Films'

            def search(self, results, media, lang, manual):
                name = media.name.decode('utf-8')
                page = fetch_page(BASE + '/find?title=' + urllib.quote(name))
                for link in page.xpath('//a[@class="film"]'):
                    results.Append(MetadataSearchResult(id=link.get('href'), name=link.text_content(), score=100, lang=lang))
        """;

    private const string QuoteLine = "page = fetch_page(BASE + '/find?title=' + urllib.quote(name))";
    private const string DecodeLine = "return HTML.ElementFromString(HTTP.Request(url).content.decode('utf-8'))";

    [Fact]
    public async Task UnicodeQuotedForAUrl_IsQuotedAsUtf8Bytes_WithTheHelperDefinedBeforeTheFirstDefinition()
    {
        using var agent = new FixtureAgent("Films", Agent).Crash("Amélie", "http://films.example.org/find?title=Am", 15, QuoteLine, "KeyError: u'\\xe9'");

        var report = await agent.VerifyAsync(await agent.DiagnoseAsync(null));

        var fix = Assert.Single(report.Fixes);
        Assert.Equal("text-encoding-films", fix.Id);
        Assert.True(fix.Verification!.Applicable, fix.Verification.Reason + string.Join("; ", fix.Verification.Findings));
        var code = Apply(Agent, fix.Patch!.Edits!);
        Assert.Contains("page = fetch_page(BASE + '/find?title=' + urllib.quote(utf8_bytes(name)))", code, StringComparison.Ordinal);
        Assert.True(code.IndexOf("def utf8_bytes(value):", StringComparison.Ordinal) < code.IndexOf("def fetch_page(", StringComparison.Ordinal));
        Assert.DoesNotContain("def utf8_text(", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    return HTML.ElementFromString(HTTP.Request(url).content.decode('utf-8'))", TextStrategy.ToText, "    return HTML.ElementFromString(utf8_text(HTTP.Request(url).content))")]
    [InlineData("    title = page['title'].decode('ascii')  # site titles", TextStrategy.ToText, "    title = utf8_text(page['title'])  # site titles")]
    [InlineData("    key = hashlib.md5(title).hexdigest()", TextStrategy.ToBytes, "    key = hashlib.md5(utf8_bytes(title)).hexdigest()")]
    [InlineData("    slug = title.encode('ascii').lower()", TextStrategy.ToBytes, "    slug = title.encode('utf-8').lower()")]
    [InlineData("    Log('Found ' + media.title + ' as ' + title)", TextStrategy.ToText, "    Log('Found ' + utf8_text(media.title) + ' as ' + utf8_text(title))")]
    [InlineData("    summary = '%s (%s)' % (text, media.title)", TextStrategy.ToText, "    summary = '%s (%s)' % (utf8_text(text), utf8_text(media.title))")]
    public void TheLineATracebackNames_IsRewrittenTheWayItsErrorCallsFor(string line, TextStrategy strategy, string expected)
    {
        var rewritten = TextCoercion.Rewrite(line, strategy);

        Assert.NotNull(rewritten);
        Assert.Equal(expected, rewritten.Value.Line);
    }

    [Fact]
    public void ALineWithoutATextHazard_IsLeftAlone() =>
        Assert.Null(TextCoercion.Rewrite("    results.Append(MetadataSearchResult(id=str(12), score=100))", TextStrategy.ToText));

    [Fact]
    public async Task PreflightShowingTheNextTextCrash_ExtendsTheCandidate_WhichIsProposedOnceItsItemsMatch()
    {
        using var agent = new FixtureAgent("Films", Agent)
            .Crash("Amélie", "http://films.example.org/find?title=Am", 15, QuoteLine, "KeyError: u'\\xe9'")
            .Crash("Léon", "http://films.example.org/find?title=L", 15, QuoteLine, "KeyError: u'\\xe9'");
        var preflight = new ReplayingPreflight(agent.CodeRelative, DecodeLine);

        var report = await agent.DiagnoseAsync(null, preflight: preflight, rules: [new TextEncodingRule()]);

        var fix = Assert.Single(report.Fixes);
        var code = Apply(Agent, fix.Patch!.Edits!);
        Assert.Contains("urllib.quote(utf8_bytes(name))", code, StringComparison.Ordinal);
        Assert.Contains("return HTML.ElementFromString(utf8_text(HTTP.Request(url).content))", code, StringComparison.Ordinal);
        Assert.Equal("preflight: 2/2 failing items now match", fix.Preflight!.Summary);
        Assert.Contains(report.Notes, n => n.Contains("its pre-flight showed the next text crash at __init__.py:7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutATextCrash_TheRuleProposesNothing()
    {
        using var agent = new FixtureAgent("Films", Agent)
            .Crash("Amélie", "http://films.example.org/find?title=Am", 16, "for link in page.xpath('//a[@class=\"film\"]'):", "IndexError: list index out of range")
            .Crash("Léon", "http://films.example.org/find?title=L", 15, QuoteLine, "KeyError: 'title'");

        var report = await agent.DiagnoseAsync(null, rules: [new TextEncodingRule()]);

        Assert.Empty(report.Fixes);
        Assert.All(report.Uncovered, u => Assert.StartsWith("no playbook rule recognises", u.Reason, StringComparison.Ordinal));
    }

    internal static string Apply(string code, IEnumerable<PatchEdit> edits)
    {
        foreach (var edit in edits)
        {
            Assert.Contains(edit.Old, code, StringComparison.Ordinal);
            code = code.Replace(edit.Old, edit.New, StringComparison.Ordinal);
        }

        return code;
    }

    /// <summary>
    /// A pre-flight that runs the patch the way the box would on these items: until the page is decoded tolerantly the
    /// patched search crashes on the decode line (at its line in the patched file), afterwards every item matches.
    /// </summary>
    private sealed class ReplayingPreflight(string file, string decodeLine) : IFixPreflight
    {
        public int MaxItems => 5;

        public Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
        {
            var code = Apply(Agent, request.Fix.Patch!.Edits!);
            bool decoded = !code.Contains(decodeLine, StringComparison.Ordinal);
            int line = Array.FindIndex(code.Split('\n'), l => l.Trim() == decodeLine) + 1;
            var traceback = "CRITICAL (agentkit:1018) - Exception in the search function of agent named 'Films', called with keyword arguments {'name': 'x'} (most recent call last):\n"
                + $"  File \"/tmp/scratch/Plug-ins/{file}\", line 15, in search\n    x\n"
                + $"  File \"/tmp/scratch/Plug-ins/{file}\", line {line}, in fetch_page\n    {decodeLine}\n"
                + "UnicodeDecodeError: 'utf8' codec can't decode byte 0xe9 in position 210: invalid continuation byte";
            return Task.FromResult(new PreflightResult
            {
                FixId = request.Fix.Id,
                Agent = request.Agent,
                Ran = true,
                Items = [.. request.Items.Select(i => new PreflightItemResult { Item = i, Outcome = decoded ? PreflightItemOutcome.Matched : PreflightItemOutcome.NoMatch })],
                Tracebacks = decoded ? [] : [traceback],
            });
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>
/// The box's HTML/XML elements and xpath(), run with the real interpreter against a running emulator, which parses the
/// pages and evaluates every expression with the evaluator test_xpath uses.
/// </summary>
public sealed class HtmlXPathShimTests
{
    [Fact]
    public async Task ConformanceTable_GivesInTheBoxExactlyWhatHtmlXPathGives()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "xpath-conformance.json");
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        var output = await RunPythonAsync(run, """
            import json, sys, time
            from plexframework import parsekit
            table = json.load(open(sys.argv[4]))
            pages, results, calls, spent, parsing = {}, [], 0, 0.0, []
            def canonical(value):
                if isinstance(value, bool):
                    return 'boolean:' + ('true' if value else 'false')
                if isinstance(value, float):
                    return 'number:' + ('%d' % value if value == int(value) else repr(value))
                if isinstance(value, list):
                    return [u'<%s>%s' % (v.tag, v.text_content().strip()) if isinstance(v, parsekit.Element) else v for v in value]
                return u'string:' + value
            for case in table['cases']:
                page = table['pages'][case['page']]
                if case['page'] not in pages:
                    parse = parsekit.xml_from_string if page['kind'] == 'xml' else parsekit.html_from_string
                    pages[case['page']] = parse(page['source'])
                    start = time.time()
                    for _ in range(20):
                        parse(page['source'])
                    parsing.append((time.time() - start) / 20)
                context = pages[case['page']]
                if 'context' in case:
                    context = context.xpath(case['context'])[0]
                start = time.time()
                try:
                    results.append(canonical(context.xpath(case['expr'])))
                except parsekit.XPathEvalError:
                    results.append('error')
                spent += time.time() - start
                calls += 1
            print(json.dumps({'results': results, 'msPerCall': 1000.0 * spent / calls, 'msPerParse': 1000.0 * sum(parsing) / len(parsing)}))
            """, fixture);

        var answer = JsonDocument.Parse(output).RootElement;
        var cases = JsonDocument.Parse(await File.ReadAllTextAsync(fixture, TestContext.Current.CancellationToken)).RootElement.GetProperty("cases");
        var results = answer.GetProperty("results");
        Assert.Equal(cases.GetArrayLength(), results.GetArrayLength());
        var mismatches = new List<string>();
        for (int i = 0; i < cases.GetArrayLength(); i++)
        {
            var expected = cases[i].GetProperty("expect").GetRawText();
            var actual = results[i].GetRawText();
            if (!JsonElement.DeepEquals(cases[i].GetProperty("expect"), results[i]))
            {
                mismatches.Add($"{cases[i].GetProperty("expr").GetString()}: expected {expected}, got {actual}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"xpath in the box: {answer.GetProperty("msPerCall").GetDouble():F2} ms per call, {answer.GetProperty("msPerParse").GetDouble():F2} ms per page parsed");
    }

    [Fact]
    public async Task Elements_OfferLxmlsApi_OnAParsedPage()
    {
        using var scenario = new TestScenario(TestScenario.HealthyAgent);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        var output = await RunPythonAsync(run, """
            # -*- coding: utf-8 -*-
            from plexframework import parsekit
            page = parsekit.html_from_string('<html><body><table class="info"><tr><th>Studio</th><td>Acme &amp; Co</td></tr>'
                                             '<tr><th>Year</th><td>2004</td></tr></table><p id="s">One<br>Two <b>bold</b> end</p></body></html>')
            print(page.tag, len(page), [c.tag for c in page.getchildren()])
            td = page.xpath('//tr/th[.="Studio"]/following-sibling::td')[0]
            print(td.text, td.getparent().tag, td.getprevious().text, td.getnext(), td.getparent().getnext()[1].text)
            p = page.find('.//p')
            print(p.get('id'), p.attrib, p.text, p[0].tag, repr(p[0].tail), p[1].text, repr(p[1].tail))
            print(repr(p.text_content()), list(p.itertext()), [e.tag for e in p.iter()], [e.tag for e in page.iter('th')])
            print([e.text for e in page.findall('.//td')], page.find('.//nothing'), page.findtext('.//th'))
            href = page.xpath('//p/@id')[0]
            text = page.xpath('//p/text()')[1]
            print(href, href.attrname, href.is_attribute, href.getparent().tag, text, text.is_text, text.getparent().tag)
            print(type(td.text).__name__, type(page.xpath('string(//td)')).__name__, page.xpath('count(//td)'), page.xpath('//td = "2004"'))
            print(parsekit.HTMLKit(None).StringFromElement(page.xpath('//p')[0]))
            try:
                page.xpath('//tr[')
            except parsekit.XPathEvalError as e:
                print('XPathEvalError')
            feed = parsekit.xml_from_string('<?xml version="1.0"?><root><v id="1"/><v id="2">x</v></root>')
            print(feed.tag, [v.get('id') for v in feed], parsekit.XMLKit(None).StringFromElement(feed))
            try:
                parsekit.xml_from_string('<root><unclosed></root>')
            except parsekit.XMLSyntaxError:
                print('XMLSyntaxError')
            first = parsekit.html_from_string('<div><i>kept</i></div>')
            for n in range(70):
                parsekit.html_from_string('<div>%d</div>' % n)
            print(first.xpath('//i/text()'))
            """);

        Assert.Equal(
        [
            "('html', 1, ['body'])",
            "('Acme & Co', 'tr', 'Studio', None, '2004')",
            "('s', {'id': 's'}, 'One', 'br', \"'Two '\", 'bold', \"' end'\")",
            "(\"'OneTwo bold end'\", ['One', 'Two ', 'bold', ' end'], ['p', 'br', 'b'], ['th', 'th'])",
            "(['Acme & Co', '2004'], None, 'Studio')",
            "('s', 'id', True, 'p', 'Two ', True, 'p')",
            "('str', 'str', 2.0, True)",
            "<p id=\"s\">One<br>Two <b>bold</b> end</p>",
            "XPathEvalError",
            "('root', ['1', '2'], '<root><v id=\"1\"/><v id=\"2\">x</v></root>')",
            "XMLSyntaxError",
            "['kept']",
        ], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<string> RunPythonAsync(SandboxRun run, string script, params string[] arguments)
    {
        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var port = run.Http.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var prologue = "import sys; sys.path.insert(0, sys.argv[1])\nfrom plexframework import parsekit\nparsekit.connect(int(sys.argv[2]), sys.argv[3])\n";
        var info = python.StartInfo(["-B", "-c", prologue + script, Path.GetDirectoryName(PluginHost.DefaultShimPath)!, port, "test-token", .. arguments]);
        info.RedirectStandardInput = false;

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, error);
        return output.Replace("\r", "", StringComparison.Ordinal);
    }
}

using System.Text;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Python.Gate;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

public sealed class SyntaxGateTests
{
    [Fact]
    public async Task ValidPython27_PassesTheGate()
    {
        const string source = """
            # -*- coding: utf-8 -*-
            import re, urllib, urllib2
            from urllib import quote
            def search(results, media, lang):
                print "searching", media.name
                pattern = ur'\d+ caf\u00e9'
                try:
                    page = urllib2.urlopen('http://example.com').read()
                except urllib2.HTTPError, e:
                    Log.Error('HTTP %d' % e.code)
                count = 0
                count += 1
                for _ in range(2):
                    pass
                return dict((k, v) for k, v in [(1, 2)])
            class Movie(Agent.Movies):
                name = 'Example'
                def __init__(self):
                    self.title = u'Se\u00f1or'
            """;

        var result = await GateSamples.CheckAsync(source);

        Assert.True(result.Parsed);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task HandlersAfterABareExcept_PassAsInPlexsCompiler()
    {
        // CPython refuses this ("default 'except:' must be last"); Plex's compiler loads it, so the gate must too.
        const string source = """
            def search(results, media, lang):
                try:
                    page = HTML.ElementFromURL('http://example.com')
                except:
                    page = None
                except ValueError:
                    page = None
                return page
            """;

        var result = await GateSamples.CheckAsync(source);

        Assert.True(result.Parsed);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task HandlersAfterABareExcept_StillReportOtherSyntaxErrors()
    {
        const string source = "def search(results, media, lang):\n    try:\n        x = 1\n    except:\n        pass\n    except ValueError:\n        pass\n    print('x', end='')\n";

        var result = await GateSamples.CheckAsync(source);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("syntax", 8), (finding.Rule, finding.Line));
    }

    [Fact]
    public async Task ManyLargeFilesInOneProcess_EachGetsItsOwnFindings()
    {
        // Large distinct files share one checker process, which keeps its memory between files.
        var body = string.Concat(Enumerable.Range(1, 3000).Select(i => $"def scene{i}(url):\n    return url.strip() + '{i}'\n\n"));
        var sources = Enumerable.Range(1, 4).Select(i => new GateSource(
            $"Bundle{i}.bundle/Contents/Code/__init__.py",
            Encoding.UTF8.GetBytes(body + (i == 3 ? "print('broken', end='')\n" : $"BUNDLE = {i}\n")))).ToList();
        Assert.All(sources, s => Assert.True(s.Content.Length > 100 * 1024));
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), new Python27CodeGateOptions { MaxProcesses = 1 });

        var results = await gate.CheckAsync(sources, GateChecks.All, TestContext.Current.CancellationToken);

        Assert.Equal([true, true, false, true], results.Select(r => r.Parsed));
        var finding = Assert.Single(results[2].Findings);
        Assert.Equal(("Bundle3.bundle/Contents/Code/__init__.py", 9001), (finding.File, finding.Line));
        Assert.All(new[] { 0, 1, 3 }, i => Assert.Empty(results[i].Findings));
    }

    [Theory]
    [InlineData("x = 1\nname = 'a'\ntitle = f'{name}'\n", 3, true)]
    [InlineData("import sys\nprint('x', end='')\n", 2, true)]
    [InlineData("def outer():\n    n = 0\n    def inner():\n        nonlocal n\n        n = 1\n", 4, true)]
    [InlineData("def search(results: list, media) -> None:\n    pass\n", 1, true)]
    [InlineData("def f():\n    pass\nreturn 5\n", 3, false)]
    public async Task InvalidPython27_IsRejectedAtTheRightLine(string source, int line, bool parserKnowsTheColumn)
    {
        var result = await GateSamples.CheckAsync(source);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("syntax", finding.Rule);
        Assert.Equal(line, finding.Line);
        Assert.Equal(parserKnowsTheColumn, finding.Column > 0);
        Assert.Equal("Sample.bundle/Contents/Code/__init__.py", finding.File);
        Assert.NotEmpty(finding.Message);
        Assert.Contains("Python 2.7", finding.Fix, StringComparison.Ordinal);
        Assert.Equal("syntax", finding.Check);
    }

    [Fact]
    public async Task NonUtf8Bytes_PassAsInPlexsLoaderWhichCompilesFromAString()
    {
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken));
        var declared = Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\r\nname = 'Caf\u00e9'\r\n");
        var undeclared = Encoding.Latin1.GetBytes("name = 'Caf\u00e9'\n");

        var results = await gate.CheckAsync([new GateSource("a.py", declared), new GateSource("b.py", undeclared)], GateChecks.All, TestContext.Current.CancellationToken);

        // Python 2 rejects undeclared non-ASCII only when it reads a file; Plex compiles the source string,
        // and so does the gate.
        Assert.Empty(results[0].Findings);
        Assert.Empty(results[1].Findings);
        Assert.True(results[1].Parsed);
    }

    [Fact]
    public async Task ManyFiles_AreCheckedByOneProcessPerCoreAtMost_AndIdenticalCopiesOnce()
    {
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), new Python27CodeGateOptions { MaxProcesses = 1 });
        var copies = Enumerable.Range(1, 21).Select(i => new GateSource($"B{i}.bundle/Contents/Code/utils.py", "x = 1\nprint(x, end='')\n"u8.ToArray())).ToList();
        var distinct = Enumerable.Range(1, 5).Select(i => new GateSource($"C{i}.py", Encoding.UTF8.GetBytes($"x = {i}\n" + (i == 4 ? "nonlocal y\n" : "")))).ToList();

        var copyResults = await gate.CheckAsync(copies, GateChecks.All, TestContext.Current.CancellationToken);
        var distinctResults = await gate.CheckAsync(distinct, GateChecks.All, TestContext.Current.CancellationToken);

        Assert.Equal(2, gate.ProcessesStarted);
        Assert.All(copyResults.Zip(copies), pair =>
        {
            Assert.Equal(pair.Second.Name, pair.First.File);
            Assert.Equal(pair.Second.Name, Assert.Single(pair.First.Findings).File);
        });
        Assert.Equal([0, 0, 0, 1, 0], distinctResults.Select(r => r.Findings.Count));
        Assert.Equal(2, distinctResults[3].Findings[0].Line);
    }

    [Fact]
    public async Task CheckPython27_ReportsOnlySyntax_LintPlexLoader_ReportsTheLoaderRules()
    {
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken));
        GateSource[] sources = [new("a.py", "_cache = {}\n"u8.ToArray())];

        var syntax = await gate.CheckPython27Async(sources, TestContext.Current.CancellationToken);
        var lint = await gate.LintPlexLoaderAsync(sources, TestContext.Current.CancellationToken);

        Assert.Empty(Assert.Single(syntax).Findings);
        Assert.Equal("underscore-name", Assert.Single(Assert.Single(lint).Findings).Rule);
    }
}

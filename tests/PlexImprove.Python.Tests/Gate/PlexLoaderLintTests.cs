using System.Text.Json;
using PlexImprove.Python.Gate;
using PlexImprove.Python.Runtime;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

public sealed class PlexLoaderLintTests
{
    /// <summary>Each rule, with a source that breaks it and the line it should name.</summary>
    public static TheoryData<string, string, int> Violations => new()
    {
        { "x = 1\n_private = 2\n", "underscore-name", 2 },
        { "__all__ = ['search']\n", "underscore-name", 1 },
        { "def _helper():\n    pass\n", "underscore-name", 1 },
        { "class _Base(object):\n    pass\n", "underscore-name", 1 },
        { "def f(a, _b):\n    return a\n", "underscore-name", 1 },
        { "def f(*_args, **kw):\n    return kw\n", "underscore-name", 1 },
        { "import re as _re\n", "underscore-name", 1 },
        { "for _i in range(3):\n    pass\n", "underscore-name", 1 },
        { "try:\n    pass\nexcept Exception, _e:\n    pass\n", "underscore-name", 3 },
        { "def __weird__():\n    pass\n", "underscore-name", 1 },
        { "x = obj._secret\n", "underscore-attribute", 1 },
        { "\nobj._cache = {}\n", "underscore-attribute", 2 },
        { "name = obj.__class__\n", "underscore-attribute", 1 },
        { "import os\npath = os.path.dirname(__file__)\n", "file-reference", 2 },
        { "n = 5\nn -= 1\n", "augmented-assignment", 2 },
        { "n = 5\nn *= 2\n", "augmented-assignment", 2 },
        { "self.count += 1\n", "augmented-assignment", 1 },
        { "d = {}\nd['k'] += 1\n", "augmented-assignment", 2 },
        { "exec 'x = 1'\n", "exec-eval", 1 },
        { "value = eval('1 + 1')\n", "exec-eval", 1 },
        { "import urllib.request\n", "unavailable-import", 1 },
        { "from urllib.parse import quote\n", "unavailable-import", 1 },
        { "import os\nimport html.parser\n", "unavailable-import", 2 },
        { "from typing import List\n", "unavailable-import", 1 },
        { "import queue\n", "unavailable-import", 1 },
        { "from _strptime import x\n", "unavailable-import", 1 },
        { "def outer():\n    def __init__(self):\n        pass\n", "underscore-name", 2 },
        { "f = lambda _x: 1\n", "underscore-name", 1 },
        { "d = {}\nkeys = {_k: v for _k, v in d.items()}\n", "underscore-name", 2 },
        { "obj . total \\\n    += 1\n", "augmented-assignment", 1 },
        { "a = [1]\na[0]+=2\n", "augmented-assignment", 2 },
        { "x = 8\nx //= 2\n", "augmented-assignment", 2 },
        { "x = 8\nx **= 2\n", "augmented-assignment", 2 },
        { "x = 8\nx >>= 1\n", "augmented-assignment", 2 },
        { "x = 8\nx |= 1\n", "augmented-assignment", 2 },
        { "s = '%d'\ns %= 3\n", "augmented-assignment", 2 },
        { "value = eval ('1')\n", "exec-eval", 1 },
        { "execfile('other.py')\n", "exec-eval", 1 },
        { "import urllib.request as request\n", "unavailable-import", 1 },
    };

    /// <summary>Near-misses every rule must stay quiet on.</summary>
    public static TheoryData<string> NearMisses => new()
    {
        "_ = 1\n",
        "for _ in range(3):\n    pass\n",
        "class Agent1(object):\n    def __init__(self):\n        self.value = 1\n    def __str__(self):\n        return 'x'\n",
        "count = 0\ncount += 1\n",
        "title = 'a'\ntitle += 'b'\n",
        "label = '__file__ and _private'\n",
        "# eval exec __file__ _x\nx = 1\n",
        "result = my_eval('1')\nparser.eval('x')\n",
        "import urllib, urllib2\nfrom urllib import quote, urlencode\nimport HTMLParser\nimport Queue\n",
        "snake_case_name = a_b\n",
        "value = obj.public_name\n",
        "text = undefined_framework_global.Request('x')\n",
        "if x != 1 and y <= 2 and z >= 3 and w == 4:\n    pass\n",
        "from __future__ import absolute_import\n",
        "def f():\n    class A(object):\n        def __init__(self):\n            pass\n    return A\n",
        "x = 8\nx = x // 2\ny = x ** 2 >= 3 and x << 1 != 2\n",
        "url = 'a=1&b=2|c^d%e'\n",
        "items = [1]\nitems += [2]\n",
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task EachRule_FiresWithRuleIdLineMessageAndFix(string source, string rule, int line)
    {
        var result = await GateSamples.CheckAsync(source);

        var finding = Assert.Single(result.Findings, f => f.Rule == rule);
        Assert.Equal("lint", finding.Check);
        Assert.Equal(line, finding.Line);
        Assert.True(finding.Column >= 1);
        Assert.Equal("Sample.bundle/Contents/Code/__init__.py", finding.File);
        Assert.NotEmpty(finding.Message);
        Assert.NotEmpty(finding.Fix);
        Assert.NotEmpty(finding.Code);
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public async Task NearMisses_AreNotFindings(string source)
    {
        var result = await GateSamples.CheckAsync(source);

        Assert.True(result.Parsed);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public async Task FastPath_FindsExactlyWhatTheFullWalkFinds()
    {
        // The checker skips the AST walk when a cheap screen proves no rule can match; the screen must never hide a finding.
        var sources = Violations.Select(row => row.Data.Item1).Concat(NearMisses.Select(row => row.Data)).ToList();
        var fast = await RunScriptAsync(sources, exhaustive: false);
        var full = await RunScriptAsync(sources, exhaustive: true);

        Assert.Equal(full, fast);
        Assert.Equal(Violations.Count(), fast.Count(f => f.Length > 0));
    }

    private static async Task<List<string>> RunScriptAsync(List<string> sources, bool exhaustive)
    {
        var runtime = await TestPython.RuntimeAsync();
        var request = JsonSerializer.Serialize(new
        {
            checks = new[] { "syntax", "lint" },
            exhaustive,
            files = sources.Select((s, i) => new { name = $"f{i}.py", source = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)) }),
        });
        var result = await ProcessRunner.RunAsync(runtime.StartInfo([Python27CodeGate.DefaultScriptPath]), request, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        using var answer = JsonDocument.Parse(result.StandardOutput);
        return [.. answer.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => string.Join(";", r.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("rule").GetString()}@{f.GetProperty("line").GetInt32()}")))];
    }
}

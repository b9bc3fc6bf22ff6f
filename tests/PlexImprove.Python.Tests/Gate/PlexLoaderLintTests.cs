using System.Text.Json;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Python.Gate;
using PlexImprove.Python.Runtime;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

/// <summary>Every rule of Plex's loader, in <c>__init__.py</c> under the standard policy, with its severity and Plex's message.</summary>
public sealed class PlexLoaderLintTests
{
    /// <summary>Each rule, with a source that breaks it, the line it should name, its severity and Plex's message (a prefix).</summary>
    public static TheoryData<string, string, int, string, string> Violations => new()
    {
        { "x = 1\n_private = 2\n", "underscore-name", 2, "load", "\"_private\" is an invalid variable name because it starts with \"_\"" },
        { "__all__ = ['search']\n", "underscore-name", 1, "load", "\"__all__\" is an invalid variable name" },
        { "def _helper():\n    pass\n", "underscore-name", 1, "load", "\"_helper\" is an invalid variable name" },
        { "class _Base(object):\n    pass\n", "underscore-name", 1, "load", "\"_Base\"" },
        { "def f(a, _b):\n    return a\n", "underscore-name", 1, "load", "\"_b\"" },
        { "def f(*_args, **kw):\n    return kw\n", "underscore-name", 1, "load", "\"_args\"" },
        { "def f(*args, **_kw):\n    return args\n", "underscore-name", 1, "load", "\"_kw\"" },
        { "import re as _re\n", "underscore-name", 1, "load", "\"_re\"" },
        { "import _strptime\n", "underscore-name", 1, "load", "\"_strptime\"" },
        { "for _i in range(3):\n    pass\n", "underscore-name", 1, "load", "\"_i\"" },
        { "try:\n    pass\nexcept Exception, _e:\n    pass\n", "underscore-name", 3, "load", "\"_e\"" },
        { "try:\n    pass\nexcept Exception as _e:\n    pass\n", "underscore-name", 3, "load", "\"_e\"" },
        { "with open_it() as _f:\n    pass\n", "underscore-name", 1, "load", "\"_f\"" },
        { "def __weird__():\n    pass\n", "underscore-name", 1, "load", "\"__weird__\"" },
        { "x = 1\ny = _hidden + x\n", "underscore-name", 2, "load", "\"_hidden\"" },
        { "if False:\n    del _gone\n", "underscore-name", 2, "load", "\"_gone\"" },
        { "f = lambda _x: 1\n", "underscore-name", 1, "load", "\"_x\"" },
        { "d = {}\nkeys = {_k: v for _k, v in d.items()}\n", "underscore-name", 2, "load", "\"_k\"" },
        { "name = __name__\n", "underscore-name", 1, "load", "\"__name__\" is an invalid variable name" },
        { "x = obj._secret\n", "underscore-attribute", 1, "load", "\"_secret\" is an invalid attribute name because it starts with \"_\"." },
        { "\nobj._cache = {}\n", "underscore-attribute", 2, "load", "\"_cache\" is an invalid attribute name" },
        { "name = obj.__class__\n", "underscore-attribute", 1, "load", "\"__class__\" is an invalid attribute name" },
        { "d = obj.__dict__\n", "underscore-attribute", 1, "load", "\"__dict__\"" },
        { "n = len(obj.__len__())\n", "underscore-attribute", 1, "load", "\"__len__\"" },
        { "import os\npath = os.path.dirname(__file__)\n", "file-reference", 2, "load", "\"__file__\" is an invalid variable name because it starts with \"_\"" },
        { "x__roles__ = 1\n", "roles-name", 1, "load", "\"x__roles__\" is an invalid variable name because it ends with \"__roles__\"." },
        { "y = obj.x__roles__\n", "roles-name", 1, "load", "\"x__roles__\" is an invalid attribute name because it ends with \"__roles__\"." },
        { "printed = 1\n", "printed-name", 1, "load", "\"printed\" is a reserved name." },
        { "def f(printed):\n    return 1\n", "printed-name", 1, "load", "\"printed\" is a reserved name." },
        { "self.count += 1\n", "augmented-assignment", 1, "load", "Augmented assignment of attributes is not allowed." },
        { "obj . total \\\n    += 1\n", "augmented-assignment", 1, "load", "Augmented assignment of attributes is not allowed." },
        { "d = {}\nd['k'] += 1\n", "augmented-assignment", 2, "load", "Augmented assignment of object items and slices is not allowed." },
        { "a = [1]\na[0:1]+=[2]\n", "augmented-assignment", 2, "load", "Augmented assignment of object items and slices is not allowed." },
        { "exec 'x = 1'\n", "exec-eval", 1, "load", "Exec statements are not allowed." },
        { "exec('x = 1')\n", "exec-eval", 1, "load", "Exec statements are not allowed." },
        { "def items():\n    yield 1\n", "yield", 2, "load", "Yield statements are not allowed." },
        { "def items():\n    x = yield\n", "yield", 2, "load", "Yield statements are not allowed." },
        { "f = lambda (a, b): a\n", "tuple-parameter", 1, "load", "AttributeError: 'tuple' object has no attribute 'startswith'" },
        { "def f((a, b), c):\n    return a\n", "tuple-parameter", 1, "load", "AttributeError: 'tuple' object has no attribute 'startswith'" },
        { "n = 5\nn -= 1\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '-=' is not supported" },
        { "n = 5\nn *= 2\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '*=' is not supported" },
        { "x = 8\nx //= 2\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '//=' is not supported" },
        { "x = 8\nx **= 2\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '**=' is not supported" },
        { "x = 8\nx >>= 1\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '>>=' is not supported" },
        { "x = 8\nx |= 1\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '|=' is not supported" },
        { "s = '%d'\ns %= 3\n", "augmented-operator", 2, "runtime", "FrameworkException: Operator '%=' is not supported" },
        { "total = sum([1, 2])\n", "missing-builtin", 1, "runtime", "NameError: global name 'sum' is not defined" },
        { "ok = any(x for x in items)\n", "missing-builtin", 1, "runtime", "NameError: global name 'any' is not defined" },
        { "ok = all([1])\n", "missing-builtin", 1, "runtime", "NameError: global name 'all' is not defined" },
        { "first = next(it)\n", "missing-builtin", 1, "runtime", "NameError: global name 'next' is not defined" },
        { "it = iter(items)\n", "missing-builtin", 1, "runtime", "NameError: global name 'iter' is not defined" },
        { "f = open('x.txt')\n", "missing-builtin", 1, "runtime", "NameError: global name 'open' is not defined" },
        { "value = eval('1 + 1')\n", "missing-builtin", 1, "runtime", "NameError: global name 'eval' is not defined" },
        { "execfile('other.py')\n", "missing-builtin", 1, "runtime", "NameError: global name 'execfile' is not defined" },
        { "text = format(1.5, '.1f')\n", "missing-builtin", 1, "runtime", "NameError: global name 'format' is not defined" },
        { "total = reduce(sum, rows)\n", "missing-builtin", 1, "runtime", "NameError: global name 'sum' is not defined" },
        { "x = getattr(obj, 'name')\n", "missing-builtin", 1, "runtime", "NameError: global name 'getattr' is not defined" },
        { "if hasattr(obj, 'name'):\n    pass\n", "missing-builtin", 1, "runtime", "NameError: global name 'hasattr' is not defined" },
        { "if type(x) is list:\n    pass\n", "missing-builtin", 1, "runtime", "NameError: global name 'type' is not defined" },
        { "from __future__ import print_function\nprint('x')\n", "missing-builtin", 2, "runtime", "NameError: global name 'print' is not defined" },
        { "setattr(obj, 'name', 1)\n", "guarded-builtin", 1, "runtime", "TypeError: attribute-less object (assign or del)" },
        { "delattr(obj, 'name')\n", "guarded-builtin", 1, "runtime", "TypeError: attribute-less object (assign or del)" },
        { "for c in 'abc':\n    pass\n", "string-iteration", 1, "runtime", "AttributeError: 'str' object has no attribute '__iter__'" },
        { "a, b = 'xy'\n", "string-iteration", 1, "runtime", "AttributeError: 'str' object has no attribute '__iter__'" },
        { "chars = [c for c in u'ab']\n", "string-iteration", 1, "runtime", "AttributeError: 'unicode' object has no attribute '__iter__'" },
        { "import urllib.request\n", "unavailable-import", 1, "runtime", "ImportError: No module named request" },
        { "from urllib.parse import quote\n", "unavailable-import", 1, "runtime", "ImportError: No module named parse" },
        { "import os\nimport html.parser\n", "unavailable-import", 2, "runtime", "ImportError: No module named parser" },
        { "from typing import List\n", "unavailable-import", 1, "runtime", "ImportError: No module named typing" },
        { "import queue\n", "unavailable-import", 1, "runtime", "ImportError: No module named queue" },
        { "import urllib.request as request\n", "unavailable-import", 1, "runtime", "ImportError: No module named request" },
    };

    /// <summary>Near-misses every rule must stay quiet on: what Plex accepts.</summary>
    public static TheoryData<string> NearMisses => new()
    {
        "_ = 1\n",
        "for _ in range(3):\n    pass\n",
        "class Agent1(object):\n    def __init__(self):\n        self.value = 1\n    def __str__(self):\n        return 'x'\n    def __repr__(self):\n        return 'x'\n    def __call__(self):\n        return 1\n",
        "text = obj.__str__()\nother = obj.__repr__()\n",
        "def outer():\n    def __init__(self):\n        pass\n",
        "from m import _y\nfrom m import y as _z\n",
        "def f():\n    global _x\n",
        "f(_x=1)\n",
        "value = obj.__init__\n",
        "count = 0\ncount += 1\n",
        "title = 'a'\ntitle += 'b'\n",
        "label = '__file__ and _private'\n",
        "# eval exec __file__ _x yield printed sum(\nx = 1\n",
        "result = my_eval('1')\nparser.eval('x')\nvalue = it.next()\nnodes = el.iter()\ntext = '{}'.format(1)\n",
        "import urllib, urllib2\nfrom urllib import quote, urlencode\nimport HTMLParser\nimport Queue\n",
        "snake_case_name = a_b\n",
        "value = obj.public_name\n",
        "text = undefined_framework_global.Request('x')\n",
        "if x != 1 and y <= 2 and z >= 3 and w == 4:\n    pass\n",
        "from __future__ import absolute_import\n",
        "x = 8\nx = x // 2\ny = x ** 2 >= 3 and x << 1 != 2\n",
        "url = 'a=1&b=2|c^d%e'\n",
        "items = [1]\nitems += [2]\n",
        "import sys\nif sys.version_info < (3, 0):\n    from htmlentitydefs import name2codepoint\nelse:\n    from html.entities import name2codepoint\n",
        "try:\n    from urllib.parse import quote\nexcept ImportError:\n    from urllib import quote\n",
        "try:\n    import queue\nexcept:\n    import Queue as queue\n",
        "from __init__ import PlexLogAdapter\n",
        "squares = (x * x for x in range(3))\ntotal = [x for x in (1, 2)]\n",
        "for c in ['a', 'b']:\n    pass\nfor k in ('a', 'b'):\n    pass\n",
        "a, b = 'x', 'y'\n",
        "def sum(values):\n    return 0\ntotal = sum([1])\n",
        "file = 'a.txt'\nprint file\n",
        "print 'x', printed\n",
        "class A(object):\n    pass\nlen_value = len([1])\nsorted_items = sorted(x)\n",
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task EachRule_FiresWithSeverityRuleIdLinePlexMessageAndFix(string source, string rule, int line, string severity, string message)
    {
        var result = await GateSamples.CheckAsync(source);

        // A name both bound and read on one line is refused at each place (Plex reports the first).
        var matching = result.Findings.Where(f => f.Rule == rule).ToList();
        Assert.NotEmpty(matching);
        Assert.All(matching, f => Assert.Equal(line, f.Line));
        var finding = matching[0];
        Assert.Equal("lint", finding.Check);
        Assert.Equal(severity, finding.Severity);
        Assert.Equal(line, finding.Line);
        Assert.True(finding.Column >= 1);
        Assert.Equal(GateSamples.InitFile, finding.File);
        Assert.StartsWith(message, finding.Message, StringComparison.Ordinal);
        Assert.NotEmpty(finding.Fix);
        Assert.NotEmpty(finding.Code);
        Assert.Equal(("init", "standard"), (result.Role, result.Policy));
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
        var runtime = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var request = JsonSerializer.Serialize(new
        {
            checks = new[] { "syntax", "lint" },
            exhaustive,
            files = sources.Select((s, i) => new { name = $"f{i}/__init__.py", source = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s)) }),
        });
        var result = await ProcessRunner.RunAsync(runtime.StartInfo([Python27CodeGate.DefaultScriptPath]), request, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        using var answer = JsonDocument.Parse(result.StandardOutput);
        return [.. answer.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => string.Join(";", r.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("rule").GetString()}@{f.GetProperty("line").GetInt32()}")))];
    }
}

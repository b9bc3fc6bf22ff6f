using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>The sandbox refuses and fails agent code exactly where and how Plex's loader does.</summary>
public sealed class PlexLoaderFidelityTests
{
    private static string WithSearchLine(string line) => TestScenario.HealthyAgent.Replace(
        "        title = re.sub(r'^\\(.*?\\) - ', '', media.name)\n",
        "        title = re.sub(r'^\\(.*?\\) - ', '', media.name)\n" + line,
        StringComparison.Ordinal);

    private static async Task<IReadOnlyList<(string Level, string Module, string Message, List<string> Continuation)>> RunAsync(
        string code, string? sibling = null, bool elevated = false, IReadOnlyDictionary<string, string>? contents = null)
    {
        using var scenario = new TestScenario(code, items: 1, siblingModule: sibling, elevated: elevated, contents: contents);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        await run.RefreshAsync("1");
        return FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
    }

    private static List<string> SearchCrash(IReadOnlyList<(string Level, string Module, string Message, List<string> Continuation)> records) =>
        Assert.Single(records, r => r.Level == "CRITICAL" && r.Message.StartsWith("Exception in the search function", StringComparison.Ordinal)).Continuation;

    [Fact]
    public async Task SiblingModuleRefusedByTheCompiler_IsExceptionStartingPlugin_WithPlexsMessage()
    {
        var code = TestScenario.HealthyAgent.Replace("import re\n", "import re\nimport helpers\n", StringComparison.Ordinal);

        var records = await RunAsync(code, sibling: "def count(o):\n    o.total += 1\n");

        var critical = Assert.Single(records, r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception starting plug-in (most recent call last):", critical.Message);
        Assert.Equal("SyntaxError: Line 2: Augmented assignment of attributes is not allowed.", critical.Continuation[^1]);
        Assert.DoesNotContain(records, r => r.Message == "Started plug-in");
    }

    [Fact]
    public async Task ElevatedDunderInASibling_LoadsOnlyUnderTheElevatedPolicy()
    {
        var code = TestScenario.HealthyAgent.Replace("import re\n", "import re\nimport helpers\n", StringComparison.Ordinal);
        const string sibling = "class Rows(object):\n    def __len__(self):\n        return 0\n";

        var elevated = await RunAsync(code, sibling, elevated: true);
        var standard = await RunAsync(code, sibling, elevated: false);

        Assert.Contains(elevated, r => r.Message == "Using the elevated policy");
        Assert.Contains(elevated, r => r.Message == "Started plug-in");
        Assert.DoesNotContain(standard, r => r.Message == "Using the elevated policy");
        Assert.Equal("SyntaxError: Line 2: \"__len__\" is an invalid variable name because it starts with \"_\"",
            Assert.Single(standard, r => r.Level == "CRITICAL" && r.Module == "core").Continuation[^1]);
    }

    [Fact]
    public async Task YieldInInitPy_IsExceptionWhileLoadingCode()
    {
        var code = TestScenario.HealthyAgent + "\ndef numbers():\n    yield 1\n";

        var records = await RunAsync(code);

        var critical = Assert.Single(records, r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception while loading code (most recent call last):", critical.Message);
        Assert.StartsWith("SyntaxError: Line ", critical.Continuation[^1], StringComparison.Ordinal);
        Assert.EndsWith(": Yield statements are not allowed.", critical.Continuation[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("        total = sum([1, 2])\n", "NameError: global name 'sum' is not defined")]
    [InlineData("        first = next(iter([1]))\n", "NameError: global name 'next' is not defined")]
    [InlineData("        handle = open('/etc/hostname')\n", "NameError: global name 'open' is not defined")]
    [InlineData("        n = 2\n        n -= 1\n", "FrameworkException: Operator '-=' is not supported")]
    [InlineData("        for c in 'ab':\n            pass\n", "AttributeError: 'str' object has no attribute '__iter__'")]
    [InlineData("        a, b = 'xy'\n", "AttributeError: 'str' object has no attribute '__iter__'")]
    [InlineData("        name = getattr(media, 'name')\n", "NameError: global name 'getattr' is not defined")]
    [InlineData("        setattr(media, 'name', 'x')\n", "TypeError: attribute-less object (assign or del)")]
    public async Task RunTimeRules_FailTheSearchLikePlex_WithoutSandboxFrames(string line, string error)
    {
        var records = await RunAsync(WithSearchLine(line));

        var trace = SearchCrash(records);
        Assert.Equal(error, trace[^1]);
        Assert.DoesNotContain(trace, l => l.Contains("plexbox_host", StringComparison.Ordinal) || l.Contains("plexframework", StringComparison.Ordinal));
        Assert.Contains(trace, l => l.Contains("__init__.py", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ElevatedBundle_GetsGetattrTypeAndSuper_AndPlusEqualsStillWorks()
    {
        var code = WithSearchLine("        name = getattr(media, 'name')\n        kind = type(name)\n        n = 0\n        n += 1\n        Log.Info('kind %s %d', kind is not None, n)\n");

        var records = await RunAsync(code, sibling: null, elevated: true);

        Assert.DoesNotContain(records, r => r.Level == "CRITICAL" && r.Message.StartsWith("Exception in the search", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Module == "logkit" && r.Message == "kind True 1");
    }

    [Fact]
    public async Task AgentLogCalls_AreAttributedToLogkit_AsPlexDoes()
    {
        var records = await RunAsync(WithSearchLine("        Log('plain call')\n        Log.Debug('debug call')\n        Log.Warn('warn call')\n"));

        Assert.Contains(records, r => r is { Level: "INFO", Module: "logkit", Message: "plain call" });
        Assert.Contains(records, r => r is { Level: "DEBUG", Module: "logkit", Message: "debug call" });
        Assert.Contains(records, r => r is { Level: "WARNING", Module: "logkit", Message: "warn call" });
    }

    [Fact]
    public async Task StartThatRaises_IsExceptionStartingPlugin_AndThePluginServesNothing()
    {
        var code = TestScenario.HealthyAgent.Replace("Log.Info('TestAgent  - START:: started')", "raise ValueError('no start')", StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        var critical = Assert.Single(records, r => r.Level == "CRITICAL" && r.Module == "core");
        Assert.Equal("Exception starting plug-in (most recent call last):", critical.Message);
        Assert.Equal("ValueError: no start", critical.Continuation[^1]);
        Assert.Equal(RefreshOutcome.PluginUnavailable, run.Host.Library.Find("1")!.LastRefresh);
    }
}

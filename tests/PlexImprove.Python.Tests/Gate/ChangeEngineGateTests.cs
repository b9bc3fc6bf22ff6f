using System.Text;
using System.Text.Json;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Log;
using PlexImprove.Python.Gate;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

/// <summary>The change engine with the real Python 2.7 gate: only findings a change introduces block it.</summary>
public sealed class ChangeEngineGateTests : IDisposable
{
    private const string Target = "Agent.bundle/Contents/Code/__init__.py";
    private readonly string _folder = Directory.CreateTempSubdirectory("pleximprove-gate-").FullName;

    private string Plugins => Path.Combine(_folder, "Plug-ins");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<ChangeOutcome> ApplyAsync(string original, string search, string replace) => ApplyAsync(Target, original, search, replace);

    private async Task<ChangeOutcome> ApplyAsync(string target, string original, string search, string replace)
    {
        var path = Path.Combine(Plugins, target);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, original, TestContext.Current.CancellationToken);
        var engine = new ChangeEngine(
            new PluginsRoot(Plugins), new WorkFolder(Path.Combine(_folder, "work")), new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken)), TimeProvider.System);
        return await engine.ApplyPatchAsync(new ChangeRequest
        {
            FixId = "fix-1",
            Iteration = 1,
            Patch = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { edits = new[] { new { file = target, search, replace } } })),
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PreExistingLintFinding_DoesNotBlock_AValidFix()
    {
        const string original = "import os\nHERE = os.path.dirname(__file__)\ndef search(results, media, lang):\n    headers = {}\n";

        var outcome = await ApplyAsync(original, "    headers = {}\n", "    headers = {'User-Agent': 'Mozilla/5.0'}\n    print 'searching'\n");

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Empty(outcome.Findings.Introduced);
        Assert.Equal("file-reference", Assert.Single(outcome.Findings.PreExisting).Rule);
        Assert.Contains("User-Agent", await File.ReadAllTextAsync(Path.Combine(Plugins, Target), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Python3Syntax_IsBlockedWithItsLine_AndNothingIsWritten()
    {
        const string original = "def search(results, media, lang):\n    name = media.name\n    Log('x')\n";

        var outcome = await ApplyAsync(original, "    Log('x')\n", "    Log(f'{name}')\n");

        Assert.Equal(FixStatus.Blocked, outcome.Status);
        Assert.Contains("NOT applied", outcome.Message, StringComparison.Ordinal);
        var finding = Assert.Single(outcome.Findings.Introduced);
        Assert.Equal(("syntax", 3), (finding.Rule, finding.Line));
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(Plugins, Target), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NewUnderscoreName_IsBlockedEvenThoughItCompiles()
    {
        const string original = "def search(results, media, lang):\n    pass\n";

        var outcome = await ApplyAsync(original, "    pass\n", "    _cache = {}\n");

        Assert.Equal(FixStatus.Blocked, outcome.Status);
        Assert.Equal("underscore-name", Assert.Single(outcome.Findings.Introduced).Rule);
    }

    [Fact]
    public async Task FixingASyntaxError_IsApplied()
    {
        const string original = "def search(results, media, lang):\n    print(media.name, end='')\n";

        var outcome = await ApplyAsync(original, "print(media.name, end='')", "print media.name,");

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Equal("syntax", Assert.Single(outcome.Findings.Resolved).Rule);
    }

    [Fact]
    public async Task NewRuntimeFinding_IsBlockedToo()
    {
        const string original = "def search(results, media, lang):\n    n = 3\n";

        var outcome = await ApplyAsync(original, "    n = 3\n", "    n = 3\n    n -= 1\n");

        Assert.Equal(FixStatus.Blocked, outcome.Status);
        var finding = Assert.Single(outcome.Findings.Introduced);
        Assert.Equal(("augmented-operator", "runtime"), (finding.Rule, finding.Severity));
    }

    [Fact]
    public async Task ElevatedBundleSibling_MayUseTheElevatedDunders()
    {
        const string sibling = "Agent.bundle/Contents/Code/utils.py";
        Directory.CreateDirectory(Path.Combine(Plugins, "Agent.bundle", "Contents"));
        await File.WriteAllTextAsync(
            Path.Combine(Plugins, "Agent.bundle", "Contents", "Info.plist"),
            "<?xml version=\"1.0\"?><plist><dict><key>PlexPluginCodePolicy</key><string>Elevated</string></dict></plist>",
            TestContext.Current.CancellationToken);

        var outcome = await ApplyAsync(sibling, "class Rows(object):\n    pass\n", "    pass\n", "    def __len__(self):\n        return 0\n");

        Assert.Equal(FixStatus.Applied, outcome.Status);
    }
}

using System.Text.Json;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class CodeToolsTests : IDisposable
{
    private const string CodeFile = "Films.bundle/Contents/Code/__init__.py";
    private readonly ToolFixture _fixture = new();

    [Fact]
    public async Task ReadAgentFile_ShowsNumberedLinesAndWhatFollows()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadAgentFile, ("path", CodeFile), ("startLine", 8), ("endLine", 10));

        Assert.StartsWith($"{CodeFile}: lines 8-10 of ", answer, StringComparison.Ordinal);
        Assert.Contains("(more follow: read from line 11)", answer, StringComparison.Ordinal);
        Assert.Contains("8: def Start():", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../PMS Plugin Logs/com.plexapp.agents.Films.log")]
    [InlineData("/etc/passwd")]
    [InlineData("Films.bundle/../../lessons_learned.md")]
    public async Task ReadAgentFile_HallucinatedPathOutsideThePlugins_IsRefused(string path)
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadAgentFile, ("path", path));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("Plug-ins folder", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAgentFile_PluginsFolderMissing_SaysWhatToConfigure()
    {
        Directory.Delete(_fixture.PluginsDir, recursive: true);

        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadAgentFile, ("path", CodeFile));

        Assert.StartsWith("Error: The Plug-ins folder '", answer, StringComparison.Ordinal);
        Assert.Contains("Plex:PluginsDir", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAgentFile_OverTheLineCap_SaysWhereToReadOn()
    {
        File.WriteAllLines(Path.Combine(_fixture.PluginsDir, "Films.bundle", "Contents", "Code", "long.py"), Enumerable.Range(1, 50).Select(i => $"x{i} = {i}"));
        var registry = _fixture.Registry(limits: new ToolOutputLimits { MaxLines = 10 });

        var answer = await registry.CallAsync(ToolNames.ReadAgentFile, ("path", "Films.bundle/Contents/Code/long.py"));

        Assert.Contains("lines 1-10 of 50 (more follow: read from line 11)", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("11: x11", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAgentCode_FindsTheXPathWithFileAndLine()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.SearchAgentCode, ("pattern", "xpath("));

        Assert.Equal($"{CodeFile}:14:     return page.xpath('//h1[@class=\"title\"]/text()')[0]\n", answer);
    }

    [Fact]
    public async Task SearchAgentCode_MoreMatchesThanAsked_SaysTruncated()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.SearchAgentCode, ("pattern", "e"), ("max", 2));

        Assert.Equal(3, answer.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("[truncated: first 2 matches shown", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPython27_TheBundle_HasNoFindings()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.CheckPython27, ("path", "Films.bundle"));

        Assert.Contains("1 file(s) checked (Python 2.7 syntax): no findings.", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckPython27_Python3Code_GivesASyntaxFindingWithLine()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.CheckPython27, ("code", "x = 1\nprint(f'{x}')\n"));

        using var document = JsonDocument.Parse(json);
        var finding = Assert.Single(document.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("syntax", finding.GetProperty("rule").GetString());
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task LintPlexLoader_UnderscoreNameAndAugmentedAssignment_AreFound()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.LintPlexLoader, ("code", "_cache = {}\n\ndef f(n):\n    n -= 1\n    return n\n"));

        using var document = JsonDocument.Parse(json);
        var rules = document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).Order().ToList();
        Assert.Equal(["augmented-assignment", "underscore-name"], rules);
    }

    [Fact]
    public async Task CheckPython27_NeitherPathNorCode_SaysWhatToGive()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.CheckPython27);

        Assert.StartsWith("Error: Give 'path'", answer, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}

using System.Text.Json;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class LogToolsTests : IDisposable
{
    private const string ToolOutputErrorPrefix = "Error: ";
    private readonly ToolFixture _fixture = new();

    [Fact]
    public async Task AggregateLogs_ReturnsTheDigestOfTheFixtureAgent()
    {
        var digest = await _fixture.Registry().CallAsync(ToolNames.AggregateLogs);

        Assert.False(digest.StartsWith(ToolOutputErrorPrefix, StringComparison.Ordinal), digest);
        Assert.Contains("com.plexapp.agents.Films", digest, StringComparison.Ordinal);
        Assert.Contains("403", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AggregateLogs_Json_CountsTheFourSearches()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.AggregateLogs, ("agents", "Films"), ("json", true));

        using var document = JsonDocument.Parse(json);
        Assert.Equal(4, document.RootElement.GetProperty("totals").GetProperty("searchesStarted").GetInt32());
    }

    [Fact]
    public async Task AggregateLogs_UnknownAgent_ListsTheAgentsWithLogs()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.AggregateLogs, ("agents", "Nope"));

        Assert.StartsWith("Error: No plugin logs for agent 'Nope'", answer, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.Films", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSignatures_FindsThe403SignatureTwice()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.ListSignatures);

        using var document = JsonDocument.Parse(json);
        var forbidden = document.RootElement.GetProperty("signatures").EnumerateArray()
            .Single(s => s.GetProperty("example").GetString()!.Contains("403", StringComparison.Ordinal));
        Assert.Equal(2, forbidden.GetProperty("count").GetInt32());
        Assert.Equal("com.plexapp.agents.Films", forbidden.GetProperty("agents")[0].GetString());
    }

    [Fact]
    public async Task GetAgentSessions_Crashed_GivesTheItemsThatFailed_NewestFirst()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.GetAgentSessions, ("agent", "Films"), ("outcome", "crashed"));

        using var document = JsonDocument.Parse(json);
        var keys = document.RootElement.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("ratingKey").GetString()).ToList();
        Assert.Equal(["503", "501"], keys);
    }

    [Fact]
    public async Task GetAgentSessions_BadOutcome_SaysWhichOnesExist()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.GetAgentSessions, ("agent", "Films"), ("outcome", "exploded"));

        Assert.Equal("Error: 'exploded' is not a valid outcome: use succeeded, failed, crashed or unfinished.", answer);
    }

    [Fact]
    public async Task ReadLogExcerpt_Contains_ShowsMatchingLinesWithNumbers()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLogExcerpt, ("file", "com.plexapp.agents.Films.log"), ("contains", "403"));

        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("com.plexapp.agents.Films.log: 2 line(s)", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d+: HTTPError: HTTP Error 403: Forbidden$", l));
    }

    [Fact]
    public async Task ReadLogExcerpt_Range_SaysMoreFollow()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLogExcerpt, ("file", "com.plexapp.agents.Films.log"), ("startLine", 2), ("lineCount", 2));

        Assert.Contains("2 line(s) from line 2 (more follow", answer, StringComparison.Ordinal);
        Assert.Contains("\n2: ", answer, StringComparison.Ordinal);
        Assert.Contains("\n3: ", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("\n4: ", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../lessons_learned.md")]
    [InlineData("/etc/passwd")]
    [InlineData("../Plug-ins/Films.bundle/Contents/Code/__init__.py")]
    public async Task ReadLogExcerpt_PathOutsideTheLogsFolder_IsRefused(string path)
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLogExcerpt, ("file", path));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("logs folder", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLogExcerpt_SymlinkLeadingOutOfTheLogsFolder_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_fixture.LogsDir, "com.plexapp.agents.Link.log"), _fixture.LessonsPath);

        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLogExcerpt, ("file", "com.plexapp.agents.Link.log"));

        Assert.StartsWith("Error: 'com.plexapp.agents.Link.log' leads through a symlink", answer, StringComparison.Ordinal);
        Assert.Contains("outside the logs folder", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Pace requests", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLogExcerpt_MissingFile_ListsTheLogFiles()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLogExcerpt, ("file", "com.plexapp.agents.Other.log"));

        Assert.StartsWith("Error: 'com.plexapp.agents.Other.log' does not exist", answer, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.Films.log", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AggregateLogs_OverTheCap_IsCutAndSaysTruncated()
    {
        var registry = _fixture.Registry(limits: new ToolOutputLimits { MaxChars = 400 });

        var json = await registry.CallAsync(ToolNames.AggregateLogs, ("json", true));

        Assert.Contains("[truncated: 400 of ", json, StringComparison.Ordinal);
        Assert.True(json.Length < 520);
    }

    public void Dispose() => _fixture.Dispose();
}

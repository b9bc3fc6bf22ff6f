using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class RunAndLessonToolsTests : IDisposable
{
    private readonly ToolFixture _fixture = new();

    [Fact]
    public async Task ReadLessons_Phase_GivesItsRulesBestFirst()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLessons, ("phase", "diagnose"));

        Assert.Contains("# Top lessons for diagnose", answer, StringComparison.Ordinal);
        Assert.True(answer.IndexOf("diagnose-pace", StringComparison.Ordinal) < answer.IndexOf("diagnose-noise", StringComparison.Ordinal));
        Assert.DoesNotContain("implement-py27", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLessons_All_GivesEveryPhase()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLessons);

        Assert.Contains("## diagnose", answer, StringComparison.Ordinal);
        Assert.Contains("implement-py27", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLessons_UnknownPhase_NamesThePhases()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLessons, ("phase", "brainstorm"));

        Assert.Equal("Error: 'brainstorm' is not a phase: use aggregate, diagnose, implement, test, postmortem, coordinate.", answer);
    }

    [Fact]
    public async Task ReadLessons_NoFileYet_SaysWhenItAppears()
    {
        File.Delete(_fixture.LessonsPath);

        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLessons);

        Assert.StartsWith("No lessons yet:", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLoopState_ListsIterationsAndTheirReports()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.WorkDir, "iteration_1"));
        _fixture.Write("work/iteration_1/diagnostic_report.md", "# Diagnosis\n");
        _fixture.Write("work/loop_state.json", "{\"iteration\":1,\"phase\":\"test\"}");

        var answer = await _fixture.Registry().CallAsync(ToolNames.GetLoopState);

        Assert.Contains("loop_state.json:\n{\"iteration\":1,\"phase\":\"test\"}", answer, StringComparison.Ordinal);
        Assert.Contains("- iteration_1: diagnostic_report.md", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReport_ReadsAndPagesThroughALongReport()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.WorkDir, "iteration_2"));
        _fixture.Write("work/iteration_2/test_report_fix-1.md", new string('a', 700) + new string('b', 700));
        var registry = _fixture.Registry(limits: new ToolOutputLimits { MaxChars = 1000 });

        var first = await registry.CallAsync(ToolNames.ReadReport, ("path", "iteration_2/test_report_fix-1.md"));
        var second = await registry.CallAsync(ToolNames.ReadReport, ("path", "iteration_2/test_report_fix-1.md"), ("offset", 800));

        Assert.StartsWith("iteration_2/test_report_fix-1.md: characters 0-800 of 1400 (truncated: read on with offset 800)", first, StringComparison.Ordinal);
        Assert.StartsWith("iteration_2/test_report_fix-1.md: characters 800-1400 of 1400\n", second, StringComparison.Ordinal);
        Assert.EndsWith(new string('b', 600), second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../lessons_learned.md")]
    [InlineData("/etc/hostname")]
    public async Task ReadReport_OutsideTheWorkFolder_IsRefused(string path)
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadReport, ("path", path));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("work folder", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareMetrics_BaselineAgainstTheLogsNow_ShowsTheDeltas()
    {
        var registry = _fixture.Registry();
        var baseline = await registry.CallAsync(ToolNames.AggregateLogs, ("json", true));
        Directory.CreateDirectory(Path.Combine(_fixture.WorkDir, "iteration_1"));
        _fixture.Write("work/iteration_1/metrics.json", baseline);
        File.AppendAllText(Path.Combine(_fixture.LogsDir, "com.plexapp.agents.Films.log"),
            "2026-03-01 11:00:00,000 (7f3a2c1fe700) :  DEBUG (agentkit:961) - Searching for matches for {'id': '505', 'name': 'Up', 'year': 2009, 'lang': 'en', 'manual': False}\n");

        var json = await registry.CallAsync(ToolNames.CompareMetrics, ("baseline", "iteration_1/metrics.json"), ("agent", "Films"));

        Assert.Contains("\"sessionsBefore\":4", json, StringComparison.Ordinal);
        Assert.Contains("\"sessionsAfter\":5", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"searchesStarted\",\"before\":4,\"after\":5", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareMetrics_MissingBaseline_SaysHowToMakeOne()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.CompareMetrics, ("baseline", "iteration_9/metrics.json"));

        Assert.StartsWith("Error: 'iteration_9/metrics.json' does not exist in the work folder", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlexTools_WithoutPlex_SayWhatToConfigure()
    {
        var registry = _fixture.Registry();

        foreach (var tool in new[] { ToolNames.PlexStatus, ToolNames.PlexFindItems, ToolNames.RestartPlex })
        {
            var answer = await registry.CallAsync(tool);
            Assert.Contains("PLEX_TOKEN", answer, StringComparison.Ordinal);
            Assert.Contains("Plex:Url", answer, StringComparison.Ordinal);
        }

        Assert.Contains("PLEX_TOKEN", await registry.CallAsync(ToolNames.PlexRefreshItems, ("ratingKeys", "1")), StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}

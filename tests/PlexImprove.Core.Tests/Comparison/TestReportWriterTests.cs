using PlexImprove.Core.Comparison;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;
using Xunit;
using static PlexImprove.Core.Tests.Comparison.ComparisonFixtures;

namespace PlexImprove.Core.Tests.Comparison;

public sealed class TestReportWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pi-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static TestReport Report(string fixId = "fix-001") => new()
    {
        FixId = fixId,
        Agents = ["com.plexapp.agents.x"],
        PlexUrl = "http://127.0.0.1:32400/",
        BaselineWindow = new AggregationWindow { Since = new DateTime(2026, 1, 1, 0, 0, 0), Until = new DateTime(2026, 1, 2, 0, 0, 0) },
        TestWindow = new AggregationWindow { Since = new DateTime(2026, 1, 3, 10, 0, 0), Until = new DateTime(2026, 1, 3, 10, 5, 0) },
        Items = Items(4, 3, 1, 1),
        Comparison = Compare(Items(4, 3, 1, 1)),
        Notes = ["Websocket notifications unavailable; polling."],
    };

    [Fact]
    public void Write_CreatesMarkdownAndJson_NamedAfterTheFix()
    {
        var (markdown, json) = TestReportWriter.Write(_dir, Report());

        Assert.Equal(Path.Combine(_dir, "test_report_fix-001.md"), markdown);
        Assert.Equal(Path.Combine(_dir, "test_report_fix-001.json"), json);
        string text = File.ReadAllText(markdown);
        Assert.StartsWith("# Test report: fix-001", text, StringComparison.Ordinal);
        Assert.Contains("**Decision: MONITOR** (too few items to tell)", text, StringComparison.Ordinal);
        Assert.Contains("| before (baseline) | 1/5 |", text, StringComparison.Ordinal);
        Assert.Contains("Websocket notifications unavailable", text, StringComparison.Ordinal);
        Assert.False(File.Exists(json + ".tmp"));
    }

    [Fact]
    public void Json_RoundTrips_WithEnumsAsText()
    {
        var report = Report();

        string json = TestReportWriter.Serialize(report);
        var back = TestReportWriter.Deserialize(json);

        Assert.Contains("\"decision\": \"monitor\"", json, StringComparison.Ordinal);
        Assert.Contains("\"role\": \"control\"", json, StringComparison.Ordinal);
        Assert.Equal(report.Comparison.After.Succeeded, back.Comparison.After.Succeeded);
        Assert.Equal(KeepDecision.Monitor, back.Comparison.Decision.Decision);
        Assert.Equal(report.Items.Count, back.Items.Count);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public void FileStem_UnsafeFixId_IsBadInput(string fixId)
    {
        var error = Assert.Throws<InvalidInputException>(() => TestReportWriter.FileStem(fixId));
        Assert.Contains($"Fix id '{fixId}' must use only letters, digits", error.Message, StringComparison.Ordinal);
    }
}

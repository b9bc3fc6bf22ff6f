using System.Text;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class RobustnessTests
{
    [Fact]
    public void RandomBytes_AreCountedNeverACrash()
    {
        using var dir = new TempDirectory();
        var random = new Random(7);
        var bytes = new byte[2 * 1024 * 1024];
        random.NextBytes(bytes);
        File.WriteAllBytes(dir.File("com.plexapp.agents.Noise.log"), bytes);
        var valid = new PluginLogBuilder().Search("1").Footer("SEARCH", succeeded: true).ToString();
        File.WriteAllBytes(dir.File("com.plexapp.agents.Noise.log.1"), [.. Encoding.UTF8.GetBytes(valid), .. bytes[..5000]]);

        var metrics = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = dir.Path }, cancellationToken: TestContext.Current.CancellationToken).Metrics;

        Assert.Equal(1, metrics.Totals.SearchesSucceeded);
        Assert.True(metrics.Files.Single(f => f.Name.EndsWith(".log", StringComparison.Ordinal)).UnparsedLines > 0);
    }

    [Fact]
    public void EmptyFolder_GivesZeroCountsAndANote()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("readme.txt"), "not a log");

        var metrics = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = dir.Path }, cancellationToken: TestContext.Current.CancellationToken).Metrics;

        Assert.Empty(metrics.Files);
        Assert.Equal(0, metrics.Totals.Started);
        Assert.Null(metrics.Totals.SuccessRate);
        Assert.Contains(metrics.Notes, n => n.Contains("No plugin log files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileBeingAppendedWhileRead_IsCountedUpToWhatWasThere()
    {
        using var dir = new TempDirectory();
        var path = dir.File("com.plexapp.agents.AEBN.log");
        var session = new PluginLogBuilder().Search("1").Footer("SEARCH", succeeded: true).ToString();
        File.WriteAllText(path, string.Concat(Enumerable.Repeat(session, 2000)));

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(
            async () =>
        {
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            var bytes = Encoding.UTF8.GetBytes(session);
            while (!stop.IsCancellationRequested)
            {
                // Half a record, then the rest: readers must cope with a record cut mid-line.
                await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), CancellationToken.None);
                await stream.FlushAsync(CancellationToken.None);
                await stream.WriteAsync(bytes.AsMemory(bytes.Length / 2), CancellationToken.None);
                await stream.FlushAsync(CancellationToken.None);
            }
        },
            TestContext.Current.CancellationToken);

        var counts = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            counts.Add(new LogAggregator().Aggregate(new AggregationRequest { LogsDir = dir.Path }, cancellationToken: TestContext.Current.CancellationToken).Metrics.Totals.SearchesStarted);
        }

        await stop.CancelAsync();
        await writer;

        Assert.All(counts, c => Assert.True(c >= 2000));
        Assert.Equal(counts.Order(), counts); // the file only grows, so later reads never count less
    }

    [Fact]
    public void MetricsDocument_RoundTripsThroughJson()
    {
        using var dir = new TempDirectory();
        var metrics = Digest.DigestWriterTests.SampleMetrics();
        var path = dir.File("metrics.json");
        File.WriteAllText(path, MetricsJson.Serialize(metrics));

        var read = MetricsJson.Read(path);

        Assert.Equal(MetricsJson.Serialize(metrics), MetricsJson.Serialize(read));
        Assert.Contains("\"successRateCi95\": [", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("\"firstRecord\": \"2026-02-05T14:00:00.000\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void MetricsJson_Read_RejectsForeignFilesAsBadInput()
    {
        using var dir = new TempDirectory();
        // A whole document of another schema version, so the read gets past parsing to the version check.
        var otherVersion = MetricsJson.Serialize(Digest.DigestWriterTests.SampleMetrics()).Replace("\"schemaVersion\": 1,", "\"schemaVersion\": 7,", StringComparison.Ordinal);
        Assert.Contains("\"schemaVersion\": 7,", otherVersion, StringComparison.Ordinal);
        File.WriteAllText(dir.File("bad.json"), otherVersion);
        File.WriteAllText(dir.File("garbage.json"), "not json");

        var schema = Assert.Throws<Core.Errors.InvalidInputException>(() => MetricsJson.Read(dir.File("bad.json")));
        Assert.Contains($"is not a schema-version-{MetricsDocument.CurrentSchemaVersion} metrics document", schema.Message, StringComparison.Ordinal);
        var garbage = Assert.Throws<Core.Errors.InvalidInputException>(() => MetricsJson.Read(dir.File("garbage.json")));
        Assert.Contains("is not a valid metrics document: ", garbage.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<Core.Errors.InvalidInputException>(() => MetricsJson.Read(dir.File("missing.json")));
        Assert.Contains("does not exist. Create one with ", missing.Message, StringComparison.Ordinal);
    }
}

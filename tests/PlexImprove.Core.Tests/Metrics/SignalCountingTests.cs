using Xunit;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class SignalCountingTests
{
    [Theory]
    [InlineData("AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! >", nameof(Counts.TitleMatchFailures))]
    [InlineData("AEBN - SEARCH::    Error getting Site Studio: < Studio Match Failure! >", nameof(Counts.StudioMatchFailures))]
    [InlineData("AEBN - SEARCH::    Error getting Release Date: < Release Date Match Failure! >", nameof(Counts.DateMatchFailures))]
    [InlineData("AEBN - SEARCH::    Error getting Duration: < Duration Match Failure! >", nameof(Counts.DurationMatchFailures))]
    [InlineData("AEBN - SEARCH::    Error: Search Query did not pull any results: < No Films! >", nameof(Counts.NoResults))]
    [InlineData("Error opening URL 'https://www.iafd.com/results.asp?searchtype=comprehensive&searchstring=crude'", nameof(Counts.UrlErrors))]
    [InlineData("Cannot read model from /var/lib/x/Metadata/Movies/a/b.bundle/Contents/com.plexapp.agents.AEBN", nameof(Counts.ModelReadErrors))]
    [InlineData("Exception while loading code (most recent call last):", nameof(Counts.LoadFailures))]
    [InlineData("Exception starting plug-in (most recent call last):", nameof(Counts.LoadFailures))]
    public void EachSignal_CountsOncePerRecord(string message, string counter)
    {
        var log = new PluginLogBuilder().Record("ERROR", message).Record("INFO", message);

        var counts = Aggregate.Single(log);

        Assert.Equal(2L, typeof(Counts).GetProperty(counter)!.GetValue(counts));
    }

    [Fact]
    public void Timeouts_AreFoundInTheBody_CaseInsensitive_OncePerRecord()
    {
        var log = new PluginLogBuilder()
            .Record("ERROR", "Error opening URL 'http://a/b'", continuation: ["URLError: <urlopen error timed out>", "socket.timeout: Timed Out again timed out"])
            .Record("WARNING", "Request TIMED OUT");

        Assert.Equal(2, Aggregate.Single(log).Timeouts);
    }

    [Fact]
    public void HttpErrors_CountEachDistinctCodeOncePerRecord()
    {
        var log = new PluginLogBuilder()
            .Record("ERROR", "HTTP Error 403: Forbidden then HTTP Error 403: Forbidden", continuation: ["HTTPError: HTTP Error 429: Too Many Requests"])
            .Record("INFO", "HTTP Error 4033 is not a status code");

        var counts = Aggregate.Single(log);

        Assert.Equal(1, counts.HttpErrors["403"]);
        Assert.Equal(1, counts.HttpErrors["429"]);
        Assert.Equal(2, counts.HttpErrors.Count);
    }

    [Fact]
    public void UrlErrors_OnlyWhenTheMessageStartsWithTheFrameworkText()
    {
        var log = new PluginLogBuilder().Record("ERROR", "AEBN - SEARCH:: Error opening URL 'http://x'");

        Assert.Equal(0, Aggregate.Single(log).UrlErrors);
    }

    [Fact]
    public void Noise_CountsInNoiseAndLevelsOnly()
    {
        var log = new PluginLogBuilder()
            .Record("DEBUG", "Error opening URL 'http://127.0.0.1:32400/:/plugins/com.plexapp.system/resourceHashes'", module: "networking", line: 197)
            .Record("CRITICAL", "Exception getting hosted resource hashes (most recent call last):", module: "runtime", line: 1299,
                continuation: ["  File \"runtime.py\", line 1293, in get_resource_hashes", "URLError: <urlopen error [Errno 111] Connection refused> timed out HTTP Error 503"]);

        var result = Aggregate.Files(("com.plexapp.agents.AEBN.log", log));
        var counts = result.Metrics.Agents["com.plexapp.agents.AEBN"];

        Assert.Equal(2, counts.Noise);
        Assert.Equal(1, counts.Levels.Debug);
        Assert.Equal(1, counts.Levels.Critical);
        Assert.Equal(0, counts.UrlErrors + counts.Timeouts + counts.HttpErrors.Count + counts.Exceptions.Count);
        Assert.Empty(result.Metrics.Signatures);
    }

    [Fact]
    public void TextLoggedAtErrorOnlyForTheWordError_CountsInLevelsOnly()
    {
        var log = new PluginLogBuilder()
            .Search("1")
            .Record("ERROR", "AEBN - SEARCH:: Processing Page 1: 2 of 7 for Dark Alley Media - The Terror Within (2008)", module: "utils", line: 5552)
            .Record("ERROR", "AEBN  - SEARCH:: Site Title: Errors of Youth", module: "utils", line: 5552)
            .Footer("SEARCH", succeeded: true);

        var result = Aggregate.Files(("com.plexapp.agents.AEBN.log", log));
        var counts = result.Metrics.Agents["com.plexapp.agents.AEBN"];

        Assert.Equal(2, counts.Levels.Error);
        Assert.Equal(1, counts.SearchesSucceeded);
        Assert.Empty(result.Metrics.Signatures);
        Assert.Empty(result.Sessions.Single().SignatureIds);
    }

    [Fact]
    public void Levels_CountEveryRecordOnce()
    {
        var log = new PluginLogBuilder().Record("DEBUG", "a").Record("INFO", "b").Record("WARNING", "c").Record("ERROR", "d").Record("CRITICAL", "e").Record("INFO", "f");

        var levels = Aggregate.Single(log).Levels;

        Assert.Equal((1, 2, 1, 1, 1), (levels.Debug, levels.Info, levels.Warning, levels.Error, levels.Critical));
    }

    [Fact]
    public void Window_SelectsRecordsSinceInclusiveUntilExclusive_BeforeCounting()
    {
        var log = new PluginLogBuilder(new DateTime(2026, 2, 5, 10, 0, 0));
        for (int i = 0; i < 10; i++)
        {
            log.Record("INFO", $"record {i}");
        }

        var metrics = Aggregate.Files(new DateTime(2026, 2, 5, 10, 0, 2), new DateTime(2026, 2, 5, 10, 0, 5), ("com.plexapp.agents.AEBN.log", log)).Metrics;

        Assert.Equal(3, metrics.Totals.Levels.Info);
        Assert.Equal(new DateTime(2026, 2, 5, 10, 0, 2), metrics.Window.FirstRecord);
        Assert.Equal(new DateTime(2026, 2, 5, 10, 0, 4), metrics.Window.LastRecord);
        Assert.Equal(10, metrics.Files.Single().Records);
    }

    [Fact]
    public void SuccessRate_HasAWilsonInterval_AndIsNullWhenNothingStarted()
    {
        var log = new PluginLogBuilder();
        for (int i = 0; i < 10; i++)
        {
            log.Search(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Footer("SEARCH", succeeded: i < 8);
        }

        var counts = Aggregate.Single(log);
        var empty = Aggregate.Single(new PluginLogBuilder().Record("INFO", "nothing"));

        Assert.Equal(0.8, counts.SuccessRate);
        Assert.Equal(0.490, counts.SuccessRateCi95![0], 3);
        Assert.Equal(0.943, counts.SuccessRateCi95[1], 3);
        Assert.Null(empty.SuccessRate);
        Assert.Null(empty.SuccessRateCi95);
    }

    [Fact]
    public void Totals_AreTheSumOfAgents()
    {
        var a = new PluginLogBuilder().Search("1").Footer("SEARCH", true).Record("ERROR", "HTTP Error 403: Forbidden");
        var b = new PluginLogBuilder().Search("2").Footer("SEARCH", false, agent: "GEVI").Record("ERROR", "HTTP Error 403: Forbidden");

        var metrics = Aggregate.Files(("com.plexapp.agents.AEBN.log", a), ("com.plexapp.agents.GEVI.log", b)).Metrics;

        Assert.Equal(2, metrics.Totals.SearchesStarted);
        Assert.Equal(0.5, metrics.Totals.SuccessRate);
        Assert.Equal(2, metrics.Totals.HttpErrors["403"]);
        Assert.Equal(["com.plexapp.agents.AEBN", "com.plexapp.agents.GEVI"], metrics.Agents.Keys);
    }
}

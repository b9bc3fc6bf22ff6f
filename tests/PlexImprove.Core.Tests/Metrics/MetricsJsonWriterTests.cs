using System.Text.Json;
using Xunit;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Signatures;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class MetricsJsonWriterTests
{
    [Fact]
    public void EveryField_IsWrittenAsTheSerializerWritesIt()
    {
        var document = RichDocument();

        Assert.Equal(JsonSerializer.Serialize(document, MetricsJson.Options), MetricsJson.Serialize(document));
    }

    [Fact]
    public void AnEmptyDocument_IsWrittenAsTheSerializerWritesIt()
    {
        var document = new MetricsDocument
        {
            LogsDir = "",
            Window = new AggregationWindow(),
            Files = [],
            Totals = new Counts(),
            Agents = new SortedDictionary<string, Counts>(StringComparer.Ordinal),
            Signatures = [],
        };

        Assert.Equal(JsonSerializer.Serialize(document, MetricsJson.Options), MetricsJson.Serialize(document));
    }

    [Fact]
    public void AnAggregatedFolder_IsWrittenAsTheSerializerWritesIt()
    {
        var log = new PluginLogBuilder()
            .Search("1").SearchCrash("HTTPError: HTTP Error 403: Forbidden")
            .Record("ERROR", "AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! > 'Don’t Look Back' \"x\"", module: "utils", line: 5552)
            .Update("2").Footer("UPDATE", succeeded: true);
        var document = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics;

        Assert.Equal(JsonSerializer.Serialize(document, MetricsJson.Options), MetricsJson.Serialize(document));
    }

    [Fact]
    public void WhatIsWritten_ReadsBackTheSame()
    {
        var document = RichDocument();
        using var dir = new TempDirectory();
        var path = dir.File("metrics.json");
        File.WriteAllText(path, MetricsJson.Serialize(document));

        Assert.Equal(MetricsJson.Serialize(document), MetricsJson.Serialize(MetricsJson.Read(path)));
    }

    private static MetricsDocument RichDocument()
    {
        var counts = new Counts
        {
            SearchesStarted = 7, SearchesSucceeded = 3, SearchesFailed = 2, SearchesUnfinished = 2, UpdatesStarted = 5, UpdatesSucceeded = 4,
            UpdatesFailed = 1, TitleMatchFailures = 9, StudioMatchFailures = 8, DateMatchFailures = 6, DurationMatchFailures = 5, NoResults = 4,
            UrlErrors = 3, Timeouts = 2, ModelReadErrors = 1, LoadFailures = 11, Noise = 12,
        };
        counts.HttpErrors["403"] = 3;
        counts.HttpErrors["429"] = long.MaxValue;
        counts.Exceptions["HTTPError"] = 2;
        counts.Exceptions["Ünïcödé \"quoted\" <tag> & \\ \u0001"] = 1;
        counts.Levels.Increment(PlexImprove.Core.Logs.PluginLogLevel.Debug);
        counts.Levels.Increment(PlexImprove.Core.Logs.PluginLogLevel.Critical);
        var idle = new Counts();
        var when = new DateTime(2026, 3, 2, 18, 41, 7, 123);
        return new MetricsDocument
        {
            LogsDir = "/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Logs/PMS Plugin Logs",
            Window = new AggregationWindow
            {
                Since = when, Until = null, FirstRecord = when.AddSeconds(1), LastRecord = when.AddDays(1),
                Agents = new SortedDictionary<string, AgentWindow>(StringComparer.Ordinal)
                {
                    ["com.plexapp.agents.AEBN"] = new AgentWindow { Since = when, Excluded = [new LogSpan(when, when.AddMinutes(5)), new LogSpan(when.AddHours(1), when.AddHours(2))] },
                    ["com.plexapp.agents.GEVI"] = new AgentWindow(),
                },
            },
            Files = [new FileSummary { Name = "com.plexapp.agents.AEBN.log", Agent = "com.plexapp.agents.AEBN", Bytes = 1234, Records = 56, UnparsedLines = 7 }],
            Totals = counts,
            Agents = new SortedDictionary<string, Counts>(StringComparer.Ordinal) { ["com.plexapp.agents.AEBN"] = counts, ["com.plexapp.agents.GEVI"] = idle },
            Signatures =
            [
                new SignatureSummary
                {
                    Id = "match-616cd54f73", Kind = "match", Text = "SEARCH:: Error getting Site Title: < Title Match Failure! > 'Don’t' 🎬 \t tab",
                    Count = 31091, Agents = ["com.plexapp.agents.AEBN", "com.plexapp.agents.GEVI"], FirstSeen = when, LastSeen = when.AddTicks(9999),
                    Example = "Exception … HTTPError: HTTP Error 429: Too Many Requests \u2028 </script>",
                },
            ],
            Notes = ["a note", "ünïcödé"],
        };
    }
}

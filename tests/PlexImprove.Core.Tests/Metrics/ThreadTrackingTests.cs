using System.Globalization;
using System.Text.Json;
using Xunit;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class ThreadTrackingTests
{
    private const string Agent = "com.plexapp.agents.AEBN";

    [Fact]
    public void OpenSession_OutlivesThousandsOfThreadsThatFinished()
    {
        var log = new PluginLogBuilder().Search("1", thread: "aa");
        for (int i = 0; i < 5000; i++)
        {
            var thread = Thread(i);
            log.Search("2", thread).Footer("SEARCH", succeeded: true, thread: thread);
        }

        log.Footer("SEARCH", succeeded: true, thread: "aa");

        var counts = Aggregate.Single(log);

        Assert.Equal(5001, counts.SearchesSucceeded);
        Assert.Equal(0, counts.SearchesUnfinished);
    }

    [Fact]
    public void OpenSessions_PastTheThreadBound_TheQuietestHalfEndUnfinished()
    {
        // 4096 threads are kept at once: the 4097th open session lets the 2048 quietest go, as if their input had ended.
        var log = new PluginLogBuilder();
        for (int i = 0; i < 5000; i++)
        {
            log.Search("1", Thread(i));
        }

        for (int i = 0; i < 5000; i++)
        {
            log.Footer("SEARCH", succeeded: true, thread: Thread(i));
        }

        var counts = Aggregate.Single(log);

        Assert.Equal(5000, counts.SearchesStarted);
        Assert.Equal(2048, counts.SearchesUnfinished);
        Assert.Equal(2952, counts.SearchesSucceeded);
    }

    [Fact]
    public void WithoutSessionsKept_CountsAndSignaturesAreTheSame()
    {
        // Threads reused across sessions, searches and updates interleaved on one thread, crashes, failures inside
        // sessions, sessions left open: everything the analyzer tells apart by which session is open.
        var log = new PluginLogBuilder();
        for (int round = 0; round < 3; round++)
        {
            log.Search("1", "aa").Update("1", "aa", alsoFoundRoute: true)
                .Record("ERROR", "AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! >", thread: "aa")
                .Footer("SEARCH", succeeded: round == 0, thread: "aa")
                .UpdateCrash("HTTPError: HTTP Error 429: Too Many Requests", thread: "aa")
                .Search("2", "bb").SearchCrash("IndexError: list index out of range", thread: "bb")
                .Update("3", "cc").Record("ERROR", "Error opening URL 'https://www.aebn.com/x' <urlopen error timed out>", thread: "cc")
                .Footer("UPDATE", succeeded: round != 1, thread: "cc")
                .Search("4", "dd");
        }

        var kept = Aggregate.Files((Agent + ".log", log)).Metrics;
        var counted = Aggregate.WithoutSessions((Agent + ".log", log)).Metrics;

        Assert.Equal(Json(kept.Agents), Json(counted.Agents));
        Assert.Equal(Json(kept.Totals), Json(counted.Totals));
        Assert.Equal(Json(kept.Signatures), Json(counted.Signatures));
        Assert.True(kept.Agents[Agent].SearchesStarted > 0 && kept.Signatures.Count >= 3);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, MetricsJson.Options);

    private static string Thread(int i) => (0x10000 + i).ToString("x", CultureInfo.InvariantCulture);
}

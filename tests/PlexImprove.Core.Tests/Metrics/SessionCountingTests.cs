using Xunit;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class SessionCountingTests
{
    [Fact]
    public void PgmaFooters_CloseTheOpenSessionOfTheirKindOnTheirThread()
    {
        var log = new PluginLogBuilder()
            .Search("1").Footer("SEARCH", succeeded: true)
            .Search("2", thread: "aa").Footer("SEARCH", succeeded: false, thread: "aa")
            .Update("1").Footer("UPDATE", succeeded: true);

        var counts = Aggregate.Single(log);

        Assert.Equal(2, counts.SearchesStarted);
        Assert.Equal(1, counts.SearchesSucceeded);
        Assert.Equal(1, counts.SearchesFailed);
        Assert.Equal(1, counts.UpdatesStarted);
        Assert.Equal(1, counts.UpdatesSucceeded);
        Assert.Equal(0, counts.SearchesUnfinished + counts.UpdatesUnfinished);
        Assert.Equal(2.0 / 3, counts.SuccessRate);
    }

    [Fact]
    public void Footer_OnAnotherThread_DoesNotCloseTheSession()
    {
        var log = new PluginLogBuilder().Search("1", thread: "aa").Footer("SEARCH", succeeded: true, thread: "bb");

        var counts = Aggregate.Single(log);

        Assert.Equal(0, counts.SearchesSucceeded);
        Assert.Equal(1, counts.SearchesUnfinished);
    }

    [Fact]
    public void Footer_WithoutAnOpenSession_CountsNothing()
    {
        var log = new PluginLogBuilder().Footer("SEARCH", succeeded: false).Footer("UPDATE", succeeded: true);

        var counts = Aggregate.Single(log);

        Assert.Equal(0, counts.SearchesFailed + counts.SearchesSucceeded + counts.UpdatesSucceeded + counts.UpdatesFailed);
        Assert.Null(counts.SuccessRate);
    }

    [Fact]
    public void Crash_FailsAndClosesTheSessionAndCountsTheExceptionType()
    {
        var log = new PluginLogBuilder()
            .Search("1").SearchCrash("HTTPError: HTTP Error 403: Forbidden")
            .Update("2").UpdateCrash("urllib2.URLError: <urlopen error timed out>");

        var result = Aggregate.Files(("com.plexapp.agents.AEBN.log", log));
        var counts = result.Metrics.Agents["com.plexapp.agents.AEBN"];

        Assert.Equal(1, counts.SearchesFailed);
        Assert.Equal(1, counts.UpdatesFailed);
        Assert.Equal(1, counts.Exceptions["HTTPError"]);
        Assert.Equal(1, counts.Exceptions["URLError"]);
        Assert.Equal(1, counts.HttpErrors["403"]);
        Assert.Equal(1, counts.Timeouts);
        Assert.All(result.Sessions, s => Assert.Equal(SessionOutcome.Crashed, s.Outcome));
        Assert.Equal(0, counts.SearchesSucceeded + counts.SearchesUnfinished);
    }

    [Fact]
    public void Crash_WithoutAnOpenSession_StillCountsAsFailed()
    {
        var counts = Aggregate.Single(new PluginLogBuilder().SearchCrash("IndexError: list index out of range"));

        Assert.Equal(1, counts.SearchesFailed);
        Assert.Equal(0, counts.SearchesStarted);
        Assert.Equal(1, counts.Exceptions["IndexError"]);
    }

    [Fact]
    public void OpenSessions_OfAnAgentThatWritesFooters_AreUnfinished()
    {
        var log = new PluginLogBuilder()
            .Search("1").Search("2").Footer("SEARCH", succeeded: true) // 1 is still open when 2 starts
            .Search("3");                                               // 3 is open at the end of input

        var counts = Aggregate.Single(log);

        Assert.Equal(3, counts.SearchesStarted);
        Assert.Equal(1, counts.SearchesSucceeded);
        Assert.Equal(2, counts.SearchesUnfinished);
    }

    [Fact]
    public void OpenSessions_OfAnAgentWithoutFooters_Succeeded()
    {
        var log = new PluginLogBuilder().Search("1").Search("2").Update("2").SearchCrash("KeyError: 'x'").Search("3");

        var counts = Aggregate.Single(log, "com.plexapp.agents.imdb");

        Assert.Equal(3, counts.SearchesStarted);
        Assert.Equal(1, counts.SearchesFailed);      // "2" crashed
        Assert.Equal(1 + 1, counts.SearchesSucceeded); // "1" closed by "2", "3" open at the end
        Assert.Equal(1, counts.UpdatesSucceeded);
        Assert.Equal(0, counts.SearchesUnfinished);
    }

    [Fact]
    public void PgmaPhaseTag_WithoutAnyFooter_MakesOpenSessionsUnfinished()
    {
        // A PGMA agent that aborts before its footer still logs its phase tags.
        var log = new PluginLogBuilder().Search("1").Record("INFO", "AEBN - SEARCH:: Error: Could Not Set Agent Parameters").Search("2");

        var counts = Aggregate.Single(log);

        Assert.Equal(2, counts.SearchesStarted);
        Assert.Equal(0, counts.SearchesSucceeded);
        Assert.Equal(2, counts.SearchesUnfinished);
    }

    [Fact]
    public void PhaseWordsWithoutTheTag_DoNotMakeAnAgentPgmaStyle()
    {
        var log = new PluginLogBuilder().Search("1").Record("INFO", "search: UPDATE done, SEARCH next").Search("2");

        var counts = Aggregate.Single(log, "com.plexapp.agents.imdb");

        Assert.Equal(2, counts.SearchesSucceeded);
        Assert.Equal(0, counts.SearchesUnfinished);
    }

    [Fact]
    public void FooterAnywhereInTheAgentsLogs_MakesOpenSessionsUnfinished_EvenOutsideTheWindow()
    {
        var log = new PluginLogBuilder().Search("1").Footer("SEARCH", succeeded: true);
        var windowStart = log.Clock;
        log.Search("2");

        var counts = Aggregate.Files(windowStart, null, ("com.plexapp.agents.AEBN.log", log)).Metrics.Agents["com.plexapp.agents.AEBN"];

        Assert.Equal(1, counts.SearchesStarted);
        Assert.Equal(1, counts.SearchesUnfinished);
    }

    [Fact]
    public void UpdateRequest_LoggedAsHandlingAndFoundRoute_IsOneUpdate()
    {
        var log = new PluginLogBuilder().Update("7", alsoFoundRoute: true).Footer("UPDATE", succeeded: true);

        var counts = Aggregate.Single(log);

        Assert.Equal(1, counts.UpdatesStarted);
        Assert.Equal(1, counts.UpdatesSucceeded);
    }

    [Fact]
    public void Sessions_CarryTheItemsRatingKey_FromSearchArgumentsAndUpdateRequest()
    {
        var log = new PluginLogBuilder().Search("411").Footer("SEARCH", succeeded: false).Update("52").Footer("UPDATE", succeeded: true);

        var sessions = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Sessions;

        Assert.Collection(
            sessions,
            s => { Assert.Equal(SessionKind.Search, s.Kind); Assert.Equal("411", s.RatingKey); Assert.Equal(SessionOutcome.Failed, s.Outcome); },
            s => { Assert.Equal(SessionKind.Update, s.Kind); Assert.Equal("52", s.RatingKey); Assert.Equal(SessionOutcome.Succeeded, s.Outcome); });
    }

    [Fact]
    public void Sessions_ContinueAcrossRotations_ReadOldestFirst()
    {
        var older = new PluginLogBuilder().Search("1");
        var newer = new PluginLogBuilder(older.Clock.AddMinutes(1)).Footer("SEARCH", succeeded: true);

        var counts = Aggregate.Files(("com.plexapp.agents.AEBN.log", newer), ("com.plexapp.agents.AEBN.log.1", older))
            .Metrics.Agents["com.plexapp.agents.AEBN"];

        Assert.Equal(1, counts.SearchesSucceeded);
    }

    [Fact]
    public void ManyThreadsLeftOpen_AreAllCountedOnce()
    {
        var log = new PluginLogBuilder();
        for (int i = 0; i < 10_000; i++)
        {
            log.Search(i.ToString(System.Globalization.CultureInfo.InvariantCulture), thread: (0x10000 + i).ToString("x", System.Globalization.CultureInfo.InvariantCulture));
        }

        log.Footer("SEARCH", succeeded: true, thread: "1"); // no open session on thread 1: counts nothing, but marks a PGMA agent

        var counts = Aggregate.Single(log);

        Assert.Equal(10_000, counts.SearchesStarted);
        Assert.Equal(10_000, counts.SearchesUnfinished);
    }
}

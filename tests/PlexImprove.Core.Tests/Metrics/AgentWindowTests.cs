using Xunit;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class AgentWindowTests
{
    private const string Aebn = "com.plexapp.agents.AEBN";
    private const string Gevi = "com.plexapp.agents.GEVI";

    [Fact]
    public void AgentWindow_LeavesOutTheRolledBackSpan_KeepsItsLinesBeforeAndAfter_AndOverridesSinceForThatAgentOnly()
    {
        var aebn = new PluginLogBuilder().Search("1").Footer("SEARCH", succeeded: true);
        var undoneFrom = aebn.Clock;
        aebn.Search("2").SearchCrash("HTTPError: HTTP Error 429: Too Many Requests").Search("3").SearchCrash("HTTPError: HTTP Error 429: Too Many Requests");
        var undoneUntil = aebn.Clock;
        aebn.Search("4").SearchCrash("HTTPError: HTTP Error 403: Forbidden");
        var gevi = new PluginLogBuilder().Search("5").Footer("SEARCH", succeeded: true, agent: "GEVI");
        var since = gevi.Clock;
        gevi.Search("6").SearchCrash("HTTPError: HTTP Error 403: Forbidden", agent: "GEVI");
        var windows = new Dictionary<string, AgentWindow> { [Aebn] = new AgentWindow().Excluding(new LogSpan(undoneFrom, undoneUntil)) };

        var result = Aggregate.Files(since, null, windows, (Aebn + ".log", aebn), (Gevi + ".log", gevi));

        var a = result.Metrics.Agents[Aebn];
        Assert.Equal((2L, 1L), (a.SearchesStarted, a.SearchesSucceeded));
        Assert.Equal(["1", "4"], result.Sessions.Where(s => s.Agent == Aebn).Select(s => s.RatingKey));
        Assert.DoesNotContain(result.Metrics.Signatures, s => s.Text.Contains("429", StringComparison.Ordinal));
        var g = result.Metrics.Agents[Gevi];
        Assert.Equal((1L, 0L), (g.SearchesStarted, g.SearchesSucceeded));
        Assert.Equal([Aebn], result.Metrics.Window.Agents!.Keys);
    }

    [Fact]
    public void Digest_NamesEachAgentsOwnWindow_AndTheLeftOutSpan()
    {
        var aebn = new PluginLogBuilder().Search("1").Footer("SEARCH", succeeded: true);
        var from = aebn.Clock;
        aebn.Search("2").SearchCrash("HTTPError: HTTP Error 429: Too Many Requests");
        var windows = new Dictionary<string, AgentWindow> { [Aebn] = new AgentWindow().Excluding(new LogSpan(from, aebn.Clock)) };

        var digest = DigestWriter.Write(Aggregate.Files(null, null, windows, (Aebn + ".log", aebn)).Metrics);

        Assert.Contains($"- {Aebn}: its own window, start of logs", digest, StringComparison.Ordinal);
        Assert.Contains($"leaving out {from:yyyy-MM-dd HH:mm:ss} → {aebn.Clock:yyyy-MM-dd HH:mm:ss} (a change that was rolled back ran then)", digest, StringComparison.Ordinal);
    }

    [Fact]
    public void NoAgentWindows_WritesNoAgentsEntry_SoMetricsStayAsBefore()
    {
        var result = Aggregate.Files((Aebn + ".log", new PluginLogBuilder().Search("1").Footer("SEARCH", succeeded: true)));

        Assert.Null(result.Metrics.Window.Agents);
        using var json = System.Text.Json.JsonDocument.Parse(MetricsJson.Serialize(result.Metrics));
        Assert.False(json.RootElement.GetProperty("window").TryGetProperty("agents", out _));
    }
}

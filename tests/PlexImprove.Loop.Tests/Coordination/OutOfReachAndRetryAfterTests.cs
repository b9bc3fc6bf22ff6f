using PlexImprove.Agent.Diagnosis;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Exit;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Tests.Coordination;

/// <summary>Agents the diagnosis finds out of reach are declared unfixable at once; a live test waits out a site's Retry-After on the run's clock.</summary>
public sealed class OutOfReachAndRetryAfterTests
{
    private const string Vault = "com.plexapp.agents.cinevault";
    private const string Reel = "com.plexapp.agents.reelbase";

    [Fact]
    public void AnAgentOutOfReach_IsDeclaredUnfixableOnce_LeavesPursuit_AndIsNamedWithItsReasonAtExit()
    {
        var state = StateWithFailing(Vault, Reel);
        var outOfReach = new[]
        {
            new OutOfReachAgent { Agent = Vault, Reason = "www.cinevault.example serves a browser-verification challenge", Evidence = [new FixEvidence { Kind = "page", Ref = "https://www.cinevault.example/search?q=x", Excerpt = "HTTP 403, title 'Just a moment...'" }] },
        };

        var declared = FailingAgents.DeclareOutOfReach(state, outOfReach, 1);
        var again = FailingAgents.DeclareOutOfReach(state, outOfReach, 2);

        Assert.Equal([Vault], declared.Select(d => d.Agent));
        Assert.Empty(again);
        Assert.Equal([Reel], FailingAgents.Pursued(state));
        state.ExitCondition = ExitCondition.Target;
        var left = Assert.Single(FailingAgents.LeftFailing(state), l => l.Agent == Vault);
        Assert.Equal("unfixable: not fixable offline (diagnosed in iteration 1): www.cinevault.example serves a browser-verification challenge", left.Why);
    }

    [Fact]
    public void Remaining_PrefersTheLoggedRetryAfter_ThenTheEvidence_ThenTheAssumedValue_AndIsBounded()
    {
        var at = new DateTime(2026, 3, 2, 18, 41, 0, DateTimeKind.Unspecified);
        var evidence = new[] { new FixEvidence { Kind = "page", Ref = "http://x.example/s", Excerpt = "the site answers 429 with Retry-After: 4" } };

        Assert.Equal(TimeSpan.FromSeconds(9), RetryAfterWait.Remaining(new(at, TimeSpan.FromSeconds(10)), evidence, at.AddSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryAfterWait.Remaining(new(at, null), evidence, at.AddSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.Equal(RetryAfterWait.AssumedRetryAfter - TimeSpan.FromSeconds(1), RetryAfterWait.Remaining(new(at, null), [], at.AddSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryAfterWait.Remaining(new(at, TimeSpan.FromSeconds(30)), evidence, at, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.Zero, RetryAfterWait.Remaining(new(at, null), evidence, at.AddSeconds(5), TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.Zero, RetryAfterWait.Remaining(null, evidence, at, TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.Zero, RetryAfterWait.Remaining(new(at, null), evidence, at, TimeSpan.Zero));
    }

    [Fact]
    public async Task WaitAsync_HoldsTheTestOnTheClockUntilTheRetryAfterHasPassed_AndSaysHowLong()
    {
        var time = new WaitableFakeTime();
        var now = time.GetLocalNow().DateTime;
        var last = new RetryAfterWait.LastRefusal(now.AddMilliseconds(-500), null);
        var evidence = new[] { new FixEvidence { Kind = "page", Excerpt = "the site answers 429 with Retry-After: 2" } };
        var announced = new List<TimeSpan>();

        var waiting = RetryAfterWait.WaitAsync(last, evidence, time, TimeSpan.FromSeconds(60), announced.Add, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(1500));
        time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(1500), await waiting);
        Assert.Equal([TimeSpan.FromMilliseconds(1500)], announced);
    }

    [Fact]
    public async Task WaitAsync_DoesNotWait_WhenTheRetryAfterHasAlreadyPassed()
    {
        var time = new WaitableFakeTime();
        var last = new RetryAfterWait.LastRefusal(time.GetLocalNow().DateTime.AddSeconds(-3), TimeSpan.FromSeconds(2));
        var announced = new List<TimeSpan>();

        var waited = await RetryAfterWait.WaitAsync(last, [], time, TimeSpan.FromSeconds(60), announced.Add, TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.Zero, waited);
        Assert.Empty(announced);
        Assert.Empty(time.TimersStarted);
    }

    [Fact]
    public void FindLast_ReadsTheLatest429OfTheFixsAgents_WithTheRetryAfterItLogged()
    {
        using var logs = new TempDirectory();
        File.WriteAllText(Path.Combine(logs.Path, Reel + ".log"), string.Join('\n',
            "2026-03-02 18:40:01,000 (1a) :  ERROR (agentkit:1018) - ReelBase: HTTP Error 429: Too Many Requests",
            "2026-03-02 18:40:05,250 (1b) :  ERROR (utils:20) - ReelBase: HTTP Error 429: Too Many Requests (Retry-After: 7)",
            "2026-03-02 18:40:06,000 (1b) :  INFO (utils:11) - ReelBase: found it",
            ""));
        File.WriteAllText(Path.Combine(logs.Path, Vault + ".log"),
            "2026-03-02 18:41:00,000 (2a) :  ERROR (agentkit:1018) - CineVault: HTTP Error 429: Too Many Requests\n");

        var last = RetryAfterWait.FindLast(logs.Path, ["reelbase"], null, TestContext.Current.CancellationToken);
        var none = RetryAfterWait.FindLast(logs.Path, [Reel], new DateTime(2026, 3, 2, 18, 41, 0), TestContext.Current.CancellationToken);

        Assert.Equal(new RetryAfterWait.LastRefusal(new DateTime(2026, 3, 2, 18, 40, 5, 250), TimeSpan.FromSeconds(7)), last);
        Assert.Null(none);
    }

    private static LoopState StateWithFailing(params string[] agents)
    {
        var state = new LoopState
        {
            Brain = "playbook",
            PluginsDir = "/p",
            LogsDir = "/l",
            PlexUrl = "http://127.0.0.1:32400",
            StartedAt = DateTimeOffset.UnixEpoch,
            Baseline = new MetricsSnapshot { Agents = new SortedDictionary<string, AgentRate>(agents.ToDictionary(a => a, _ => AgentRate.Of(0, 4, 0)), StringComparer.Ordinal) },
        };
        FailingAgents.Track(state);
        return state;
    }
}

using PlexImprove.Agent.Reflection;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.PostMortem;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Tests.PostMortem;

/// <summary>The headers fix of the demo story: 403 gone, success still low, 429 rose.</summary>
public sealed class PostMortemBuilderTests
{
    [Fact]
    public void Build_ForbiddenGoneButRateLimitRose_ChecksEachExpectationWithItsNumbersAndNamesTheSideEffect()
    {
        var proposal = Proposal(
            new ExpectedResult { Metric = "http.403", Direction = ChangeDirection.Decrease, Target = 0 },
            new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Target = 0.75 });
        var record = new FixRecord { Id = "headers", Iteration = 1, Title = "Send browser headers", Agents = ["com.plexapp.agents.GEVI"], Status = FixState.RolledBack, SuccessBefore = 0, SuccessAfter = 0.1 };

        var report = PostMortemBuilder.Build(1, [new PostMortemInput(proposal, record, Test())]);

        var entry = Assert.Single(report.Interventions);
        Assert.Equal(OutcomeStatus.RolledBack, entry.Status);
        var forbidden = Assert.Single(entry.Expected, c => c.Metric == "http.403");
        Assert.Equal(ExpectationVerdict.Met, forbidden.Verdict);
        Assert.Equal(100, forbidden.Before);
        Assert.Equal(0, forbidden.After);
        var success = Assert.Single(entry.Expected, c => c.Metric == "successRate");
        Assert.Equal(ExpectationVerdict.Partly, success.Verdict);
        var rose = Assert.Single(entry.HttpStatusesRose);
        Assert.Equal(("429", 0.0, 90.0), (rose.Status, rose.Before, rose.After));
        Assert.Contains(entry.Missed, m => m.Contains("HTTP 429", StringComparison.Ordinal));
        Assert.Equal((0.0, 90.0), Assert.Single(report.Outcomes).HttpStatusesRose["429"]);
        Assert.Contains("| http.403 | decrease to 0 | 100 | 0 | met |", PostMortemWriter.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AFixNeverTested_MarksEveryExpectationUnmeasured()
    {
        var proposal = Proposal(new ExpectedResult { Metric = "titleMatchFailures", Direction = ChangeDirection.Decrease });
        var record = new FixRecord { Id = "blocked", Iteration = 1, Title = "t", Agents = ["a"], Status = FixState.Blocked, Reason = "gate" };

        var entry = Assert.Single(PostMortemBuilder.Build(1, [new PostMortemInput(proposal, record, null)]).Interventions);

        Assert.Equal(ExpectationVerdict.Unmeasured, Assert.Single(entry.Expected).Verdict);
        Assert.Equal(OutcomeStatus.Blocked, entry.Status);
    }

    private static FixProposal Proposal(params ExpectedResult[] expected) => new()
    {
        Id = "headers",
        Title = "Send browser headers",
        Agents = ["com.plexapp.agents.GEVI"],
        RootCause = "no browser User-Agent",
        ExpectedVsObserved = new ExpectedVsObserved { Expected = "pages", Observed = "403", DivergencePoint = "fetch" },
        ExpectedResults = expected,
    };

    private static TestReport Test() => new()
    {
        FixId = "headers",
        Agents = ["com.plexapp.agents.GEVI"],
        PlexUrl = "http://127.0.0.1:32401/",
        BaselineWindow = new AggregationWindow(),
        TestWindow = new AggregationWindow(),
        Items = [],
        Comparison = new ComparisonResult
        {
            Before = RateSummary.Of(0, 10),
            After = RateSummary.Of(1, 10),
            FailedItemsRepaired = RateSummary.Of(1, 10),
            ControlsHeld = RateSummary.Of(0, 0),
            Counters = [new CounterDelta { Name = "searchesStarted", Before = 10, After = 10, BeforePer100 = 100, AfterPer100 = 100 }],
            HttpErrors =
            [
                new CounterDelta { Name = "403", Before = 10, After = 0, BeforePer100 = 100, AfterPer100 = 0 },
                new CounterDelta { Name = "429", Before = 0, After = 9, BeforePer100 = 0, AfterPer100 = 90 },
            ],
            Exceptions = [],
            Signatures = [],
            NewSignatures = [],
            Critical = [],
            Thresholds = new DecisionThresholds(),
            Decision = new TestDecision { Decision = KeepDecision.Rollback, Reason = "Success 1/10 is below 50%." },
        },
    };
}

using PlexImprove.Core.Comparison;
using PlexImprove.Core.Signatures;
using Xunit;
using static PlexImprove.Core.Tests.Comparison.ComparisonFixtures;

namespace PlexImprove.Core.Tests.Comparison;

public sealed class MetricComparerTests
{
    [Theory]
    [InlineData(20, 15, 5, 5, KeepDecision.Keep)]      // 20/25 = 80%
    [InlineData(20, 14, 5, 5, KeepDecision.Keep)]      // 19/25 = 76%
    [InlineData(20, 10, 5, 5, KeepDecision.Monitor)]   // 15/25 = 60%
    [InlineData(20, 8, 5, 5, KeepDecision.Monitor)]    // 13/25 = 52%
    [InlineData(20, 7, 5, 5, KeepDecision.Rollback)]   // 12/25 = 48%
    [InlineData(20, 0, 5, 5, KeepDecision.Rollback)]   // 5/25 = 20%
    public void Decide_FollowsTheThresholds(int failed, int repaired, int controls, int held, KeepDecision expected)
    {
        var result = Compare(Items(failed, repaired, controls, held));

        Assert.Equal(expected, result.Decision.Decision);
        Assert.False(result.Decision.TooFewItems);
    }

    [Fact]
    public void Decide_ExactlySeventyFivePercent_IsKeep()
    {
        var result = Compare(Items(20, 15));

        Assert.Equal(0.75, result.After.Rate);
        Assert.Equal(KeepDecision.Keep, result.Decision.Decision);
    }

    [Fact]
    public void Compare_ReportsBeforeAfterOnTheSameItems_WithWilsonAndFisher()
    {
        var result = Compare(Items(20, 17, 5, 5));

        Assert.Equal(5, result.Before.Succeeded);
        Assert.Equal(25, result.Before.Items);
        Assert.Equal(22, result.After.Succeeded);
        Assert.Equal(0.88, result.After.Rate!.Value, 10);
        Assert.InRange(result.After.Ci95![0], 0.68, 0.72);
        Assert.InRange(result.After.Ci95[1], 0.95, 0.98);
        Assert.Equal(17, result.FailedItemsRepaired.Succeeded);
        Assert.Equal(5, result.ControlsHeld.Succeeded);
        Assert.InRange(result.FisherPValue, 1e-7, 1e-5);
        Assert.True(result.FisherPValueImproved <= result.FisherPValue);
    }

    [Fact]
    public void Decide_SmallSampleInTheMiddle_IsTooFewItemsToTell()
    {
        // 3/4 = 75% would be KEEP, but the interval spans 30%–95%.
        var result = Compare(Items(4, 3));

        Assert.True(result.After.WidthPoints > 40);
        Assert.True(result.Decision.TooFewItems);
        Assert.Equal(KeepDecision.Monitor, result.Decision.Decision);
        Assert.Contains("too few items to tell", result.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SmallSampleAllFailing_StillRollsBack()
    {
        // 0/5: the interval is wide (0%–43%) and the rate is below 50%.
        var result = Compare(Items(5, 0));

        Assert.True(result.Decision.TooFewItems);
        Assert.Equal(KeepDecision.Rollback, result.Decision.Decision);
    }

    [Fact]
    public void Decide_SmallSampleMostlyFailing_RollsBack_AndSaysTheSampleIsSmall()
    {
        // 1/4 = 25%: the interval (5%–70%) reaches above 50%, but a fix that does not show it works is not kept.
        var result = Compare(Items(4, 1));

        Assert.True(result.Decision.TooFewItems);
        Assert.Equal(KeepDecision.Rollback, result.Decision.Decision);
    }

    [Fact]
    public void Decide_SmallSampleAllPassing_IsOnlyMonitored()
    {
        // 5/5: the lower bound (57%) is below the keep threshold.
        var result = Compare(Items(5, 5));

        Assert.True(result.Decision.TooFewItems);
        Assert.Equal(KeepDecision.Monitor, result.Decision.Decision);
    }

    [Fact]
    public void Decide_NoTestableItem_IsTooFewItems()
    {
        var items = new List<ItemVerdict> { Verdict("x", ItemRole.Failed, succeeded: false, failure: ItemOutcome.NotFound) };

        var result = Compare(items);

        Assert.Equal(0, result.After.Items);
        Assert.Equal(KeepDecision.Monitor, result.Decision.Decision);
        Assert.True(result.Decision.TooFewItems);
    }

    [Fact]
    public void Compare_NotFoundItems_AreLeftOutOfTheRates()
    {
        var items = Items(20, 16);
        items.Add(Verdict("gone", ItemRole.Failed, succeeded: false, failure: ItemOutcome.NotFound));

        var result = Compare(items);

        Assert.Equal(20, result.After.Items);
        Assert.Equal(16, result.After.Succeeded);
    }

    [Fact]
    public void Compare_NewExceptionType_IsCritical_AndRollsBackAPerfectScore()
    {
        var result = Compare(Items(20, 20, 5, 5), after: Counts(25, 24, ("KeyError", 1)));

        var critical = Assert.Single(result.Critical);
        Assert.Equal(CriticalKind.NewExceptionType, critical.Kind);
        Assert.Contains("KeyError", critical.Detail, StringComparison.Ordinal);
        Assert.Equal(KeepDecision.Rollback, result.Decision.Decision);
    }

    [Fact]
    public void Compare_KnownExceptionType_IsNotCritical()
    {
        var result = Compare(Items(20, 18, 5, 5), after: Counts(25, 24, ("HTTPError", 1)));

        Assert.Empty(result.Critical);
    }

    [Fact]
    public void Compare_ControlItemRegressing_IsCritical()
    {
        var result = Compare(Items(20, 20, 5, 4));

        Assert.Equal(CriticalKind.ControlRegressed, Assert.Single(result.Critical).Kind);
        Assert.Equal(KeepDecision.Rollback, result.Decision.Decision);
    }

    [Fact]
    public void Compare_LoadFailure_IsCritical()
    {
        var result = MetricComparer.Compare(new ComparisonInput
        {
            Items = Items(20, 20),
            BaselineCounts = Counts(10, 5),
            AfterCounts = Counts(20, 20),
            LoadFailures = ["com.plexapp.agents.x: Exception while loading code"],
        });

        Assert.Equal(CriticalKind.LoadFailure, Assert.Single(result.Critical).Kind);
        Assert.Equal(KeepDecision.Rollback, result.Decision.Decision);
    }

    [Fact]
    public void Compare_LoadFailureCountedInTheTestWindow_IsCritical()
    {
        var after = Counts(20, 20);
        after.LoadFailures = 1;

        var result = Compare(Items(20, 20), after: after);

        Assert.Equal(CriticalKind.LoadFailure, Assert.Single(result.Critical).Kind);
    }

    [Fact]
    public void Compare_CounterDeltas_ArePer100SessionsStarted()
    {
        var before = Counts(200, 80, ("HTTPError", 120));
        before.HttpErrors["403"] = 120;
        var after = Counts(25, 20, ("HTTPError", 5));
        after.HttpErrors["429"] = 5;

        var result = Compare(Items(20, 15, 5, 5), before, after);

        var failedSearches = result.Counters.Single(c => c.Name == "searchesFailed");
        Assert.Equal(120, failedSearches.Before);
        Assert.Equal(5, failedSearches.After);
        Assert.Equal(60.0, failedSearches.BeforePer100!.Value, 10);
        Assert.Equal(20.0, failedSearches.AfterPer100!.Value, 10);
        Assert.Equal(-40.0, failedSearches.DeltaPer100!.Value, 10);
        Assert.Equal(["403", "429"], result.HttpErrors.Select(h => h.Name));
        Assert.Equal(0, result.HttpErrors[0].After);
        Assert.Equal(20.0, result.HttpErrors[1].AfterPer100!.Value, 10);
        Assert.Contains(result.Counters, c => c.Name == "levels.ERROR");
    }

    [Fact]
    public void Compare_SignaturesAbsentFromTheBaseline_AreListedAsNew()
    {
        var result = MetricComparer.Compare(new ComparisonInput
        {
            Items = Items(20, 16, 5, 5),
            BaselineCounts = Counts(100, 40),
            AfterCounts = Counts(25, 21),
            BaselineSignatures = [Signature("http-403", 60), Signature("parse-1", 3)],
            AfterSignatures = [Signature("http-403", 2), Signature("http-429", 4)],
        });

        var added = Assert.Single(result.NewSignatures);
        Assert.Equal("http-429", added.Id);
        Assert.Equal(3, result.Signatures.Count);
        Assert.Equal(0, result.Signatures.Single(s => s.Id == "parse-1").Counts.After);
        Assert.False(result.Signatures.Single(s => s.Id == "http-403").IsNew);
    }

    [Fact]
    public void Compare_ConfiguredThresholds_AreUsed()
    {
        var strict = new DecisionThresholds { KeepAtLeast = 0.9, MonitorAtLeast = 0.7 };

        Assert.Equal(KeepDecision.Monitor, Compare(Items(20, 15, 5, 5), thresholds: strict).Decision.Decision);
        Assert.Equal(KeepDecision.Rollback, Compare(Items(20, 12, 5, 5), thresholds: strict).Decision.Decision);
    }

    [Fact]
    public void Compare_ContradictoryThresholds_AreBadInput()
    {
        var bad = new DecisionThresholds { KeepAtLeast = 0.5, MonitorAtLeast = 0.8 };

        var error = Assert.Throws<PlexImprove.Core.Errors.InvalidInputException>(() => Compare(Items(5, 5), thresholds: bad));
        Assert.Contains("Decision thresholds are inconsistent", error.Message, StringComparison.Ordinal);
    }

    private static SignatureSummary Signature(string id, long count) => new()
    {
        Id = id,
        Kind = id.Split('-')[0],
        Text = "text of " + id,
        Count = count,
        Agents = ["com.plexapp.agents.x"],
        Example = "example",
    };
}

using PlexImprove.Core.Metrics;
using Xunit;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class AggregationWarmUpTests
{
    [Fact]
    public void Sample_TakesEveryKindOfRecordThroughTheCountingRules()
    {
        var totals = AggregationWarmUp.SampleDocument().Totals;

        Assert.Equal((1, 1), (totals.SearchesStarted, totals.SearchesSucceeded));
        Assert.Equal((1, 1), (totals.UpdatesStarted, totals.UpdatesFailed));
        Assert.Equal((1, 1, 1), (totals.TitleMatchFailures, totals.Timeouts, totals.Noise));
        Assert.Equal(1, totals.HttpErrors["403"]);
        Assert.Equal(1, totals.Exceptions["HTTPError"]);
    }
}

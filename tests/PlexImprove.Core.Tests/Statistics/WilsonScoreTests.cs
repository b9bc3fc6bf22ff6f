using Xunit;
using PlexImprove.Core.Statistics;

namespace PlexImprove.Core.Tests.Statistics;

public sealed class WilsonScoreTests
{
    [Theory]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(20, 20, 0.8389, 1.0)]
    [InlineData(1, 2, 0.0945, 0.9055)]
    public void Interval_MatchesPublishedValues(int successes, int trials, double low, double high)
    {
        var interval = WilsonScore.Interval(successes, trials)!.Value;

        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void Interval_IsNullWithoutTrials()
    {
        Assert.Null(WilsonScore.Interval(0, 0));
    }
}

using PlexImprove.Core.Statistics;
using Xunit;

namespace PlexImprove.Core.Tests.Statistics;

public sealed class PValueTextTests
{
    [Theory]
    [InlineData(9.6e-06, "p < 0.001")]
    [InlineData(0.0, "p < 0.001")]
    [InlineData(0.00099, "p < 0.001")]
    [InlineData(0.001, "p = 0.001")]
    [InlineData(0.0324, "p = 0.032")]
    [InlineData(0.0325, "p = 0.033")]
    [InlineData(0.41, "p = 0.41")]
    [InlineData(1.0, "p = 1")]
    [InlineData(double.NaN, "p = n/a")]
    public void Format_WritesPValuesAsStatisticiansReportThem(double p, string expected) =>
        Assert.Equal(expected, PValueText.Format(p));

    [Fact]
    public void Format_TinyPValueFromFisher_NeverPrintsZero()
    {
        var p = FisherExactTest.TwoSided(0, 20, 20, 0);

        Assert.Equal("p < 0.001", PValueText.Format(p));
    }
}

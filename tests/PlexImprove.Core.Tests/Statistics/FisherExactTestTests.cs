using PlexImprove.Core.Statistics;
using Xunit;

namespace PlexImprove.Core.Tests.Statistics;

public sealed class FisherExactTestTests
{
    [Fact]
    public void TwoSided_LadyTastingTea_MatchesTheTextbookValue()
    {
        // Fisher's own example: 3 of 4 cups right each way; p = 34/70.
        Assert.Equal(34.0 / 70.0, FisherExactTest.TwoSided(3, 1, 1, 3), 10);
        Assert.Equal(17.0 / 70.0, FisherExactTest.Greater(1, 3, 3, 1), 10);
    }

    [Fact]
    public void TwoSided_StrongImprovement_IsSignificant()
    {
        // 5/25 before, 22/25 after: R's fisher.test gives p ≈ 2.1e-6.
        double p = FisherExactTest.TwoSided(5, 20, 22, 3);

        Assert.InRange(p, 1e-7, 1e-5);
        Assert.True(FisherExactTest.Greater(5, 20, 22, 3) < p);
    }

    [Fact]
    public void TwoSided_IdenticalRows_IsOne()
    {
        Assert.Equal(1.0, FisherExactTest.TwoSided(5, 5, 5, 5), 10);
    }

    [Fact]
    public void TwoSided_EmptyMargin_IsOne()
    {
        Assert.Equal(1.0, FisherExactTest.TwoSided(0, 0, 3, 4));
        Assert.Equal(1.0, FisherExactTest.TwoSided(0, 5, 0, 7));
    }

    [Fact]
    public void TwoSided_LargeCounts_StaysAProbability()
    {
        double p = FisherExactTest.TwoSided(400, 600, 450, 550);

        Assert.InRange(p, 0.0, 1.0);
        Assert.InRange(p, 0.02, 0.03);
    }
}

namespace PlexImprove.Core.Statistics;

/// <summary>
/// Wilson score interval for a binomial proportion. Chosen over the normal approximation because it
/// stays inside [0, 1] and behaves sensibly for the small samples an active test produces.
/// </summary>
public static class WilsonScore
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval for <paramref name="successes"/> out of <paramref name="trials"/>; null when there were no trials.</summary>
    public static ProportionInterval? Interval(long successes, long trials, double z = Z95)
    {
        if (trials <= 0)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);

        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + (z2 / n);
        double centre = (p + (z2 / (2 * n))) / denominator;
        double margin = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return new ProportionInterval(Math.Max(0, centre - margin), Math.Min(1, centre + margin));
    }
}

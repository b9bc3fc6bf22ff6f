namespace PlexImprove.Core.Statistics;

/// <summary>
/// Fisher's exact test on a 2×2 table. Chosen over chi-square because an active test compares a few dozen
/// items, where the chi-square approximation is unreliable.
/// </summary>
/// <remarks>
/// The table is <c>[[a, b], [c, d]]</c>: for a before/after comparison, <c>a</c> = successes before,
/// <c>b</c> = failures before, <c>c</c> = successes after, <c>d</c> = failures after.
/// </remarks>
public static class FisherExactTest
{
    /// <summary>Relative tolerance when comparing table probabilities, as R's <c>fisher.test</c> does.</summary>
    private const double RelativeTolerance = 1e-7;

    /// <summary>
    /// Two-sided p-value: the total probability, under fixed margins, of every table at most as likely as the
    /// observed one. Returns 1 when a margin is empty (there is nothing to test).
    /// </summary>
    public static double TwoSided(long a, long b, long c, long d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(a);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        ArgumentOutOfRangeException.ThrowIfNegative(d);

        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        long n = row1 + row2;
        if (row1 == 0 || row2 == 0 || col1 == 0 || col1 == n)
        {
            return 1.0;
        }

        long minA = Math.Max(0, col1 - row2);
        long maxA = Math.Min(row1, col1);
        double observed = LogProbability(a, row1, row2, col1, n);
        double threshold = observed + double.LogP1(RelativeTolerance);
        double total = 0;
        for (long x = minA; x <= maxA; x++)
        {
            double logP = LogProbability(x, row1, row2, col1, n);
            if (logP <= threshold)
            {
                total += Math.Exp(logP);
            }
        }

        return Math.Min(1.0, total);
    }

    /// <summary>One-sided p-value that the second row has a higher success share than the first (after better than before).</summary>
    public static double Greater(long a, long b, long c, long d)
    {
        long row1 = a + b;
        long row2 = c + d;
        long col1 = a + c;
        long n = row1 + row2;
        if (row1 == 0 || row2 == 0 || col1 == 0 || col1 == n)
        {
            return 1.0;
        }

        // More successes after means fewer in the first row: sum P(x) for x <= a.
        long minA = Math.Max(0, col1 - row2);
        double total = 0;
        for (long x = minA; x <= a; x++)
        {
            total += Math.Exp(LogProbability(x, row1, row2, col1, n));
        }

        return Math.Min(1.0, total);
    }

    // Hypergeometric probability of x successes in the first row given the margins.
    private static double LogProbability(long x, long row1, long row2, long col1, long n) =>
        LogChoose(row1, x) + LogChoose(row2, col1 - x) - LogChoose(n, col1);

    private static double LogChoose(long n, long k) => LogFactorial(n) - LogFactorial(k) - LogFactorial(n - k);

    private static double LogFactorial(long n)
    {
        // Exact sum for small n (the usual case); Stirling's series beyond, accurate to ~1e-12 there.
        if (n < 256)
        {
            double sum = 0;
            for (long i = 2; i <= n; i++)
            {
                sum += Math.Log(i);
            }

            return sum;
        }

        double x = n;
        return (x * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI * x)) + (1.0 / (12 * x)) - (1.0 / (360 * x * x * x));
    }
}

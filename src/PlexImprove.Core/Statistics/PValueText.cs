using System.Globalization;

namespace PlexImprove.Core.Statistics;

/// <summary>
/// Writes a p-value as statisticians report it: <c>p &lt; 0.001</c> below that bound (a printed "p = 0" claims an
/// impossible certainty), otherwise <c>p = 0.032</c> with at most three decimals.
/// </summary>
public static class PValueText
{
    /// <summary>The smallest p-value printed as a number; anything below prints as <c>p &lt; 0.001</c>.</summary>
    public const double Floor = 0.001;

    /// <summary><c>p &lt; 0.001</c>, <c>p = 0.032</c>, <c>p = 1</c>; <c>p = n/a</c> when the value is not a number.</summary>
    public static string Format(double p)
    {
        if (double.IsNaN(p))
        {
            return "p = n/a";
        }

        if (p < Floor)
        {
            return "p < 0.001";
        }

        var rounded = Math.Round(Math.Min(p, 1), 3, MidpointRounding.AwayFromZero);
        return "p = " + Math.Max(rounded, Floor).ToString("0.###", CultureInfo.InvariantCulture);
    }
}

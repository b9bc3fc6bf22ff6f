namespace PlexImprove.Core.Statistics;

/// <summary>A two-sided confidence interval for a proportion, both bounds in [0, 1].</summary>
public readonly record struct ProportionInterval(double Low, double High)
{
    /// <summary>Width of the interval in percentage points.</summary>
    public double WidthPoints => (High - Low) * 100.0;
}

namespace PlexImprove.Sandbox.Benchmarks;

/// <summary>Per round, the milliseconds of a search and an update straight through the box and as provider calls.</summary>
public sealed record ProviderBenchmarkResult(TimeSpan Startup, IReadOnlyList<(double Match, double Metadata)> Box, IReadOnlyList<(double Match, double Metadata)> Provider)
{
    public double BoxMatchMedian => Median(Box.Select(b => b.Match));

    public double BoxMetadataMedian => Median(Box.Select(b => b.Metadata));

    public double ProviderMatchMedian => Median(Provider.Select(p => p.Match));

    public double ProviderMetadataMedian => Median(Provider.Select(p => p.Metadata));

    /// <summary>Median of the round-by-round difference provider − box for match (search).</summary>
    public double MatchOverheadMedian => Median(Provider.Zip(Box, (p, b) => p.Match - b.Match));

    /// <summary>Median of the round-by-round difference provider − box for metadata (update).</summary>
    public double MetadataOverheadMedian => Median(Provider.Zip(Box, (p, b) => p.Metadata - b.Metadata));

    /// <summary>90th percentile of the round-by-round match overhead.</summary>
    public double MatchOverheadP90 => Percentile(Provider.Zip(Box, (p, b) => p.Match - b.Match), 0.9);

    /// <summary>90th percentile of the round-by-round metadata overhead.</summary>
    public double MetadataOverheadP90 => Percentile(Provider.Zip(Box, (p, b) => p.Metadata - b.Metadata), 0.9);

    private static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

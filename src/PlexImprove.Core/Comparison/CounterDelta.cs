using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>
/// One counter before and after. The baseline and test windows differ in length, so the comparable figure is
/// the rate per 100 sessions started; raw counts are kept for the reader.
/// </summary>
public sealed class CounterDelta
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("before")] public long Before { get; init; }
    [JsonPropertyName("after")] public long After { get; init; }

    /// <summary>Count per 100 sessions started in the baseline; null when the baseline started none.</summary>
    [JsonPropertyName("beforePer100")] public double? BeforePer100 { get; init; }

    /// <summary>Count per 100 sessions started in the test window; null when it started none.</summary>
    [JsonPropertyName("afterPer100")] public double? AfterPer100 { get; init; }

    /// <summary>After minus before, per 100 sessions; null when either rate is unknown.</summary>
    [JsonPropertyName("deltaPer100")]
    public double? DeltaPer100
    {
        get => BeforePer100 is { } b && AfterPer100 is { } a ? a - b : null;
        init { } // Derived; accepted on read so reports round-trip.
    }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>Successes out of items, with the rate and its Wilson 95% interval (bounds in [0, 1]).</summary>
public sealed class RateSummary
{
    [JsonPropertyName("succeeded")] public long Succeeded { get; init; }
    [JsonPropertyName("items")] public long Items { get; init; }
    [JsonPropertyName("rate")] public double? Rate { get; init; }
    [JsonPropertyName("ci95")] public double[]? Ci95 { get; init; }

    /// <summary>Width of <see cref="Ci95"/> in percentage points; 100 when there are no items.</summary>
    [JsonIgnore] public double WidthPoints => Ci95 is { } ci ? (ci[1] - ci[0]) * 100 : 100;

    public static RateSummary Of(long succeeded, long items) => new()
    {
        Succeeded = succeeded,
        Items = items,
        Rate = items == 0 ? null : (double)succeeded / items,
        Ci95 = Statistics.WilsonScore.Interval(succeeded, items) is { } ci ? [ci.Low, ci.High] : null,
    };
}

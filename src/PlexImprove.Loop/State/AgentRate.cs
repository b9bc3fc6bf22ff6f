using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>One agent's sessions in a measurement window: succeeded out of started, with the Wilson 95% interval.</summary>
public sealed class AgentRate
{
    [JsonPropertyName("succeeded")] public long Succeeded { get; init; }
    [JsonPropertyName("started")] public long Started { get; init; }
    [JsonPropertyName("rate")] public double? Rate { get; init; }
    [JsonPropertyName("ci95")] public double[]? Ci95 { get; init; }

    /// <summary>The iteration whose window measured it (0: the baseline).</summary>
    [JsonPropertyName("measuredIn")] public int MeasuredIn { get; init; }

    public static AgentRate Of(long succeeded, long started, int measuredIn) => new()
    {
        Succeeded = succeeded,
        Started = started,
        Rate = started == 0 ? null : (double)succeeded / started,
        Ci95 = Core.Statistics.WilsonScore.Interval(succeeded, started) is { } ci ? [ci.Low, ci.High] : null,
        MeasuredIn = measuredIn,
    };
}

using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>The thresholds of the keep/monitor/rollback decision (configuration <c>Test:*</c>).</summary>
public sealed class DecisionThresholds
{
    /// <summary>Success rate from which a fix is kept. Default 0.75.</summary>
    [JsonPropertyName("keepAtLeast")] public double KeepAtLeast { get; init; } = 0.75;

    /// <summary>Success rate from which a fix is monitored rather than rolled back. Default 0.50.</summary>
    [JsonPropertyName("monitorAtLeast")] public double MonitorAtLeast { get; init; } = 0.50;

    /// <summary>A Wilson 95% interval wider than this (percentage points) is "too few items to tell". Default 40.</summary>
    [JsonPropertyName("maxIntervalWidthPoints")] public double MaxIntervalWidthPoints { get; init; } = 40;

    /// <summary>Throws when the thresholds contradict each other.</summary>
    public void Validate()
    {
        if (KeepAtLeast is < 0 or > 1 || MonitorAtLeast is < 0 or > 1 || MonitorAtLeast > KeepAtLeast)
        {
            throw new Errors.InvalidInputException(
                $"Decision thresholds are inconsistent (keep {KeepAtLeast}, monitor {MonitorAtLeast}): both must lie in [0, 1] with monitor <= keep. Fix Test:KeepThreshold / Test:MonitorThreshold.");
        }

        if (MaxIntervalWidthPoints is <= 0 or > 100)
        {
            throw new Errors.InvalidInputException($"Test:MaxIntervalWidthPoints must lie in (0, 100], not {MaxIntervalWidthPoints}.");
        }
    }
}

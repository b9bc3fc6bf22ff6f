using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>Before vs after on the same items, every delta, the critical results and the decision.</summary>
public sealed class ComparisonResult
{
    /// <summary>The tested items in the baseline (controls succeeded, failed items did not).</summary>
    [JsonPropertyName("before")] public required RateSummary Before { get; init; }

    /// <summary>The same items after the fix; the decision is taken on this rate.</summary>
    [JsonPropertyName("after")] public required RateSummary After { get; init; }

    /// <summary>Previously failing items that now succeed.</summary>
    [JsonPropertyName("failedItemsRepaired")] public required RateSummary FailedItemsRepaired { get; init; }

    /// <summary>Control items that still succeed.</summary>
    [JsonPropertyName("controlsHeld")] public required RateSummary ControlsHeld { get; init; }

    /// <summary>Two-sided Fisher exact p-value of before vs after; 1 when there is nothing to test.</summary>
    [JsonPropertyName("fisherPValue")] public double FisherPValue { get; init; }

    /// <summary>One-sided Fisher exact p-value that after is better than before.</summary>
    [JsonPropertyName("fisherPValueImproved")] public double FisherPValueImproved { get; init; }

    [JsonPropertyName("counters")] public required IReadOnlyList<CounterDelta> Counters { get; init; }
    [JsonPropertyName("httpErrors")] public required IReadOnlyList<CounterDelta> HttpErrors { get; init; }
    [JsonPropertyName("exceptions")] public required IReadOnlyList<CounterDelta> Exceptions { get; init; }
    [JsonPropertyName("signatures")] public required IReadOnlyList<SignatureDelta> Signatures { get; init; }

    /// <summary>Signatures seen after the fix and never in the baseline.</summary>
    [JsonPropertyName("newSignatures")] public required IReadOnlyList<SignatureDelta> NewSignatures { get; init; }

    [JsonPropertyName("critical")] public required IReadOnlyList<CriticalResult> Critical { get; init; }
    [JsonPropertyName("thresholds")] public required DecisionThresholds Thresholds { get; init; }
    [JsonPropertyName("decision")] public required TestDecision Decision { get; init; }
}

using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>A fix's pre-flight as the run keeps it: how many failing items the patched copy matched, the post-mortem's prediction.</summary>
public sealed class PreflightPrediction
{
    [JsonPropertyName("tried")] public int Tried { get; init; }
    [JsonPropertyName("matched")] public int Matched { get; init; }
    [JsonPropertyName("summary")] public required string Summary { get; init; }

    /// <summary>The full results (items, tracebacks), relative to the iteration folder.</summary>
    [JsonPropertyName("file")] public required string File { get; init; }

    /// <summary>The predicted share of failing items that match after the fix (null when nothing was tried).</summary>
    [JsonIgnore] public double? Rate => Tried == 0 ? null : (double)Matched / Tried;
}

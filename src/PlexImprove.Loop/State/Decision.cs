using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>One decision of the run: what was decided, from which inputs, on what evidence, and why.</summary>
public sealed class Decision
{
    [JsonPropertyName("at")] public required DateTimeOffset At { get; init; }
    [JsonPropertyName("iteration")] public required int Iteration { get; init; }
    [JsonPropertyName("phase")] public required string Phase { get; init; }

    /// <summary>E.g. <c>expect</c>, <c>apply</c>, <c>keep</c>, <c>rollback</c>, <c>lesson</c>, <c>exit</c>.</summary>
    [JsonPropertyName("decision")] public required string What { get; init; }
    [JsonPropertyName("fixId")] public string? FixId { get; init; }
    [JsonPropertyName("inputs")] public IReadOnlyList<string> Inputs { get; init; } = [];
    [JsonPropertyName("evidence")] public IReadOnlyList<string> Evidence { get; init; } = [];
    [JsonPropertyName("rationale")] public required string Rationale { get; init; }
}

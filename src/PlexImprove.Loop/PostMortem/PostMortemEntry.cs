using System.Text.Json.Serialization;
using PlexImprove.Agent.Reflection;

namespace PlexImprove.Loop.PostMortem;

/// <summary>One intervention point in <c>post_mortem_analysis.json</c>.</summary>
public sealed class PostMortemEntry
{
    [JsonPropertyName("fixId")] public required string FixId { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("agents")] public required IReadOnlyList<string> Agents { get; init; }

    /// <summary>The final decision: <c>kept</c>, <c>monitor</c>, <c>rolled_back</c>, <c>blocked</c> or <c>not_applicable</c>.</summary>
    [JsonPropertyName("status")] public required OutcomeStatus Status { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("successBefore")] public double? SuccessBefore { get; init; }
    [JsonPropertyName("successAfter")] public double? SuccessAfter { get; init; }

    /// <summary>What the pre-flight predicted before the fix was applied (<c>preflight: 4/5 failing items now match</c>); null without one.</summary>
    [JsonPropertyName("preflight")] public string? Preflight { get; init; }
    [JsonPropertyName("expected")] public IReadOnlyList<PostMortemCheck> Expected { get; init; } = [];
    [JsonPropertyName("newSignatures")] public IReadOnlyList<string> NewSignatures { get; init; } = [];
    [JsonPropertyName("httpStatusesRose")] public IReadOnlyList<HttpStatusRise> HttpStatusesRose { get; init; } = [];

    /// <summary>What the diagnosis did not foresee, and why it matters.</summary>
    [JsonPropertyName("missed")] public IReadOnlyList<string> Missed { get; init; } = [];
}

/// <summary>One expected result against the measurement.</summary>
public sealed record PostMortemCheck(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("target")] double? Target,
    [property: JsonPropertyName("before")] double? Before,
    [property: JsonPropertyName("after")] double? After,
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>An HTTP status whose rate per 100 sessions rose in the test window.</summary>
public sealed record HttpStatusRise(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("beforePer100")] double Before,
    [property: JsonPropertyName("afterPer100")] double After);

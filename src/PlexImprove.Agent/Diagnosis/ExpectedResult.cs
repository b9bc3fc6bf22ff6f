using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// One measurable result a fix must produce, checked by the post-mortem on the test window. <see cref="Metric"/>
/// names a metric of the metrics document for the fix's agents: <c>successRate</c>, a counter
/// (<c>titleMatchFailures</c>, <c>timeouts</c> …), <c>http.403</c>, <c>exception.IndexError</c> or <c>signature.&lt;id&gt;</c>.
/// </summary>
public sealed class ExpectedResult
{
    [JsonPropertyName("metric")] public required string Metric { get; init; }
    [JsonPropertyName("direction")] public required ChangeDirection Direction { get; init; }

    /// <summary>The value to reach: a rate 0..1 for <c>successRate</c>, otherwise events per 100 sessions.</summary>
    [JsonPropertyName("target")] public double? Target { get; init; }
    [JsonPropertyName("note")] public string Note { get; init; } = "";
}

using System.Text.Json.Serialization;

namespace PlexImprove.Core.Metrics;

/// <summary>A stretch of log time, from inclusive, until exclusive (local time, as logged).</summary>
public sealed record LogSpan(
    [property: JsonPropertyName("from")] DateTime From,
    [property: JsonPropertyName("until")] DateTime Until)
{
    public bool Contains(DateTime timestamp) => timestamp >= From && timestamp < Until;
}

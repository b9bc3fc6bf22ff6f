using System.Text.Json.Serialization;

namespace PlexImprove.Core.Metrics;

/// <summary>One plugin log file that was read.</summary>
public sealed class FileSummary
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("agent")] public required string Agent { get; init; }
    [JsonPropertyName("bytes")] public long Bytes { get; init; }

    /// <summary>Records in the file (all of them; the window applies to the counters, not to this).</summary>
    [JsonPropertyName("records")] public long Records { get; init; }

    /// <summary>Non-empty lines before the file's first record: they belong to no record.</summary>
    [JsonPropertyName("unparsedLines")] public long UnparsedLines { get; init; }
}

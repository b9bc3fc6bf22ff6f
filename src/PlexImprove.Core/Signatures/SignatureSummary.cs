using System.Text.Json.Serialization;

namespace PlexImprove.Core.Signatures;

/// <summary>One error signature: every event of the same failure, across agents and titles.</summary>
public sealed class SignatureSummary
{
    /// <summary>Stable id derived from kind and template, so the same failure has the same id in every run.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>http | timeout | no-results | match | parse | exception | model | load | other.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>The normalised template (<c>&lt;url:host&gt;</c>, <c>&lt;n&gt;</c>, <c>&lt;s&gt;</c>, <c>&lt;path&gt;</c>, <c>&lt;hex&gt;</c>).</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }

    [JsonPropertyName("count")] public long Count { get; init; }
    [JsonPropertyName("agents")] public required IReadOnlyList<string> Agents { get; init; }
    [JsonPropertyName("firstSeen")] public DateTime FirstSeen { get; init; }
    [JsonPropertyName("lastSeen")] public DateTime LastSeen { get; init; }

    /// <summary>One raw message of the signature, as logged.</summary>
    [JsonPropertyName("example")] public required string Example { get; init; }
}

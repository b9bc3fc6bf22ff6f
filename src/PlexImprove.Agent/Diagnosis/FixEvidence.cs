using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>One piece of evidence: a signature, a log excerpt, a code location, a fetched page or a research result.</summary>
public sealed class FixEvidence
{
    /// <summary><c>signature</c>, <c>log</c>, <c>code</c>, <c>page</c>, <c>research</c> or <c>lesson</c>.</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>A signature id, file path (relative to the Plug-ins root), URL, transcript id or lesson id.</summary>
    [JsonPropertyName("ref")] public string? Ref { get; init; }

    /// <summary>The excerpt itself, short.</summary>
    [JsonPropertyName("excerpt")] public string? Excerpt { get; init; }
}

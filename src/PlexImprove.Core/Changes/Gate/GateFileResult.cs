using System.Text.Json.Serialization;

namespace PlexImprove.Core.Changes.Gate;

/// <summary>What the gate found in one source.</summary>
public sealed class GateFileResult
{
    [JsonPropertyName("file")]
    public required string File { get; init; }

    /// <summary>False when the source did not compile (then only the syntax finding is known; lint could not run).</summary>
    [JsonPropertyName("parsed")]
    public bool Parsed { get; init; }

    [JsonPropertyName("findings")]
    public IReadOnlyList<CodeFinding> Findings { get; init; } = [];
}

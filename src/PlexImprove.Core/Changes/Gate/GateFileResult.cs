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

    /// <summary>Which rules applied: <c>init</c> (Contents/Code/__init__.py, always standard), <c>module</c> (the bundle's
    /// policy), <c>library</c> (Contents/Libraries: syntax only).</summary>
    [JsonPropertyName("role")]
    public string Role { get; init; } = "module";

    /// <summary>The bundle's code policy: <c>standard</c> or <c>elevated</c>.</summary>
    [JsonPropertyName("policy")]
    public string Policy { get; init; } = "standard";

    [JsonPropertyName("findings")]
    public IReadOnlyList<CodeFinding> Findings { get; init; } = [];
}

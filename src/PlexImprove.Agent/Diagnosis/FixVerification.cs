using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>What <c>preview_patch</c> said about a fix's patch: applicable, or not and why (the gate's findings).</summary>
public sealed class FixVerification
{
    [JsonPropertyName("applicable")] public required bool Applicable { get; init; }

    /// <summary>Why not applicable (the patch does not apply, a path escapes the Plug-ins root, no patch …).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    /// <summary>Gate findings the patch would introduce (blocking).</summary>
    [JsonPropertyName("findings")] public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Files the patch changes, relative to the Plug-ins root (copies included).</summary>
    [JsonPropertyName("files")] public IReadOnlyList<string> Files { get; init; } = [];
}

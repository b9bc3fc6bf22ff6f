using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>Replace <see cref="Old"/> (occurring exactly once) by <see cref="New"/> in <see cref="File"/> (relative to the Plug-ins root).</summary>
public sealed class PatchEdit
{
    [JsonPropertyName("file")] public required string File { get; init; }
    [JsonPropertyName("old")] public required string Old { get; init; }
    [JsonPropertyName("new")] public required string New { get; init; }
}

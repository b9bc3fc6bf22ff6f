using System.Text.Json.Serialization;

namespace PlexImprove.Python.Gate;

/// <summary>One file's answer.</summary>
internal sealed class GateAnswerResult
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("parsed")]
    public bool Parsed { get; init; }

    [JsonPropertyName("role")]
    public string Role { get; init; } = "module";

    [JsonPropertyName("policy")]
    public string Policy { get; init; } = "standard";

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("findings")]
    public List<GateAnswerFinding> Findings { get; init; } = [];
}

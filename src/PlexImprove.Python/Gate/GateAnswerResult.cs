using System.Text.Json.Serialization;

namespace PlexImprove.Python.Gate;

/// <summary>One file's answer.</summary>
internal sealed class GateAnswerResult
{
    [JsonPropertyName("name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("parsed")]
    public bool Parsed { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("findings")]
    public List<GateAnswerFinding> Findings { get; init; } = [];
}

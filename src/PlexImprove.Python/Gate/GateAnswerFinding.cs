using System.Text.Json.Serialization;

namespace PlexImprove.Python.Gate;

/// <summary>One finding as the script writes it.</summary>
internal sealed class GateAnswerFinding
{
    [JsonPropertyName("check")]
    public string Check { get; init; } = "";

    [JsonPropertyName("rule")]
    public string Rule { get; init; } = "";

    [JsonPropertyName("severity")]
    public string Severity { get; init; } = "load";

    [JsonPropertyName("line")]
    public int Line { get; init; }

    [JsonPropertyName("column")]
    public int Column { get; init; }

    [JsonPropertyName("message")]
    public string Message { get; init; } = "";

    [JsonPropertyName("fix")]
    public string Fix { get; init; } = "";

    [JsonPropertyName("code")]
    public string Code { get; init; } = "";
}

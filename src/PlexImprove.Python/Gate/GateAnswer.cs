using System.Text.Json.Serialization;

namespace PlexImprove.Python.Gate;

/// <summary>The JSON the checker script writes to stdout.</summary>
internal sealed class GateAnswer
{
    [JsonPropertyName("version")]
    public string Version { get; init; } = "";

    /// <summary>User + system CPU time the checker process used.</summary>
    [JsonPropertyName("cpuSeconds")]
    public double CpuSeconds { get; init; }

    [JsonPropertyName("results")]
    public List<GateAnswerResult> Results { get; init; } = [];
}

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

/// <summary>One finding as the script writes it.</summary>
internal sealed class GateAnswerFinding
{
    [JsonPropertyName("check")]
    public string Check { get; init; } = "";

    [JsonPropertyName("rule")]
    public string Rule { get; init; } = "";

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

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

using System.Text.Json.Serialization;

namespace PlexImprove.Sandbox.Hosting;

/// <summary>What a client needs to use a running sandbox (printed by <c>sandbox up</c>).</summary>
public sealed class SandboxConnection
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("pluginsDir")]
    public required string PluginsDir { get; init; }

    [JsonPropertyName("logsDir")]
    public required string LogsDir { get; init; }

    [JsonPropertyName("dir")]
    public required string Dir { get; init; }
}

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

    /// <summary>Each fake site's host name and the loopback URL serving it (<c>http://127.0.0.1:PORT</c>).</summary>
    [JsonPropertyName("sites")]
    public IReadOnlyDictionary<string, string> Sites { get; init; } = new Dictionary<string, string>();

    /// <summary>The provider URL of each section the box serves through its own provider (<c>"provider": "self"</c>), by section id.</summary>
    [JsonPropertyName("providers")]
    public IReadOnlyDictionary<string, string> Providers { get; init; } = new Dictionary<string, string>();
}

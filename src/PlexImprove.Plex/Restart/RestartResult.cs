using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Restart;

/// <summary>How Plex was restarted, that it answers again, and whether each touched plugin loaded.</summary>
public sealed class RestartResult
{
    [JsonPropertyName("method")] public required RestartMethod Method { get; init; }
    [JsonPropertyName("attempts")] public required IReadOnlyList<RestartAttempt> Attempts { get; init; }
    [JsonPropertyName("serverVersion")] public string? ServerVersion { get; init; }
    [JsonPropertyName("plugins")] public required IReadOnlyList<PluginLoadResult> Plugins { get; init; }

    /// <summary>Plugins that did not load, as sentences: critical results (the loop rolls back).</summary>
    [JsonPropertyName("loadFailures")]
    public IReadOnlyList<string> LoadFailures => Plugins.Where(p => p.IsCritical).Select(p => $"{p.Plugin}: {p.Detail}").ToList();
}

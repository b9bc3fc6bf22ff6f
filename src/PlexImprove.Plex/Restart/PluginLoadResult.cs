using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Restart;

/// <summary>The load check of one plugin after a restart.</summary>
public sealed record PluginLoadResult(
    [property: JsonPropertyName("plugin")] string Plugin,
    [property: JsonPropertyName("status")] PluginLoadStatus Status,
    [property: JsonPropertyName("detail")] string Detail)
{
    /// <summary>Whether the loop must treat this as a critical result (roll back).</summary>
    [JsonIgnore] public bool IsCritical => Status is PluginLoadStatus.LoadFailed or PluginLoadStatus.NotStarted;
}

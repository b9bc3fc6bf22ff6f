using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>A running server activity (<c>GET /activities</c>, websocket <c>activity</c> notifications).</summary>
public sealed class PlexActivity
{
    /// <summary>The type of an item refresh.</summary>
    public const string RefreshItemsType = "library.refresh.items";

    [JsonPropertyName("uuid")] public string? Uuid { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("progress")] public double? Progress { get; init; }
    [JsonPropertyName("Context")] public PlexActivityContext? Context { get; init; }
}

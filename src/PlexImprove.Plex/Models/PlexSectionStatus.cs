using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>One library section as <c>plex status</c> shows it: its agent and how many items it holds.</summary>
public sealed record PlexSectionStatus(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("agent")] string? Agent,
    [property: JsonPropertyName("items")] int Items,
    [property: JsonPropertyName("refreshing")] bool Refreshing);

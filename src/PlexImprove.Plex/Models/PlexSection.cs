using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>A library section (<c>GET /library/sections</c>), with the agent that matches its items.</summary>
public sealed class PlexSection
{
    [JsonPropertyName("key")]
    [JsonConverter(typeof(PlexStringConverter))]
    public required string Key { get; init; }

    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary><c>movie</c>, <c>show</c>, <c>artist</c>, <c>photo</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The metadata agent identifier, e.g. <c>com.plexapp.agents.iafd</c>.</summary>
    [JsonPropertyName("agent")] public string? Agent { get; init; }

    [JsonPropertyName("scanner")] public string? Scanner { get; init; }

    [JsonPropertyName("refreshing")]
    [JsonConverter(typeof(PlexBooleanConverter))]
    public bool Refreshing { get; init; }

    [JsonPropertyName("Location")] public IReadOnlyList<PlexLocation> Locations { get; init; } = [];
}

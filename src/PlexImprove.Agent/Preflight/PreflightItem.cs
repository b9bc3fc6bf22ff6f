using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Preflight;

/// <summary>One item a pre-flight runs the agent on, with the arguments Plex passed when the agent failed on it.</summary>
public sealed record PreflightItem
{
    /// <summary>The Plex ratingKey (<c>'id'</c> of the logged search).</summary>
    [JsonPropertyName("ratingKey")] public required string RatingKey { get; init; }

    /// <summary>The media name Plex searched with (from the scanner: file name or title).</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    [JsonPropertyName("year")] public int? Year { get; init; }

    /// <summary>The media file path, unquoted (Plex hands it to the agent URL-quoted, as the sandbox does).</summary>
    [JsonPropertyName("file")] public string File { get; init; } = "";

    /// <summary>
    /// The kind of item Plex searched for, as its logged arguments show it (<c>album</c>, <c>show</c>, <c>artist</c>);
    /// null for a movie or when they do not tell, and the agent's own class decides.
    /// </summary>
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
}

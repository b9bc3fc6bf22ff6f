using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Preflight;

/// <summary>One item of a pre-flight: the arguments, what the patched agent did, and what it found.</summary>
public sealed record PreflightItemResult
{
    [JsonPropertyName("item")] public required PreflightItem Item { get; init; }

    [JsonPropertyName("outcome")] public required PreflightItemOutcome Outcome { get; init; }

    /// <summary>How many search results the agent returned.</summary>
    [JsonPropertyName("results")] public int Results { get; init; }

    /// <summary>The best result's score (Plex matches at 85 or more).</summary>
    [JsonPropertyName("bestScore")] public int? BestScore { get; init; }

    /// <summary>The title the update filled in, when it matched.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>Why the plug-in could not serve the item, in words; null otherwise.</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }
}

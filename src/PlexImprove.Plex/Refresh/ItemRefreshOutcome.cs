using System.Text.Json.Serialization;
using PlexImprove.Core.Comparison;

namespace PlexImprove.Plex.Refresh;

/// <summary>One refreshed item as an admin needs it: did the agent match it, and if not, why.</summary>
public sealed class ItemRefreshOutcome
{
    [JsonPropertyName("ratingKey")] public required string RatingKey { get; init; }

    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>The agent of the item's library section (else of its session).</summary>
    [JsonPropertyName("agent")] public string? Agent { get; init; }

    [JsonPropertyName("outcome")] public required RefreshOutcome Outcome { get; init; }

    /// <summary>Why, in a sentence: the failure's signature, the load error, the missing fields.</summary>
    [JsonPropertyName("detail")] public string Detail { get; init; } = "";

    /// <summary>What Plex shows after the refresh; null when it was not re-read.</summary>
    [JsonPropertyName("plex")] public PlexItemCheck? Plex { get; init; }

    /// <summary>The refresh itself (route, how completion was seen, timings).</summary>
    [JsonPropertyName("refresh")] public required ItemRefreshResult Refresh { get; init; }

    /// <summary>Matched, or not judged (requested without waiting, or finished with no plugin logs to read).</summary>
    [JsonIgnore] public bool Ok => Outcome is RefreshOutcome.Matched or RefreshOutcome.Requested or RefreshOutcome.Finished;
}

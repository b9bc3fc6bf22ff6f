using System.Text.Json.Serialization;
using PlexImprove.Plex.Client;

namespace PlexImprove.Plex.Refresh;

/// <summary>One item's refresh: how it was requested, how it ended, and what the item looked like before.</summary>
public sealed class ItemRefreshResult
{
    [JsonPropertyName("ratingKey")] public required string RatingKey { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("status")] public required RefreshStatus Status { get; init; }
    [JsonPropertyName("route")] public RefreshRoute? Route { get; init; }

    /// <summary>What told the client the refresh finished (<c>websocket activity</c>, <c>polling updatedAt</c> …).</summary>
    [JsonPropertyName("completedBy")] public string? CompletedBy { get; init; }

    /// <summary><c>updatedAt</c> before the refresh (Unix seconds).</summary>
    [JsonPropertyName("updatedAtBefore")] public long? UpdatedAtBefore { get; init; }

    [JsonPropertyName("requestedAt")] public DateTimeOffset? RequestedAt { get; init; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the refresh failed (redacted).</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>The completion signal's timestamp, for latency measurements.</summary>
    [JsonIgnore] public CompletionSignal? Signal { get; init; }
}

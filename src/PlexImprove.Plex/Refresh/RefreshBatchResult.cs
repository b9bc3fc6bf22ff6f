using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Refresh;

/// <summary>A batch of refreshes: one result per requested ratingKey, in request order.</summary>
public sealed class RefreshBatchResult
{
    [JsonPropertyName("items")] public required IReadOnlyList<ItemRefreshResult> Items { get; init; }

    /// <summary>How completion was detected; null when the batch did not wait.</summary>
    [JsonPropertyName("completionMode")] public CompletionMode? CompletionMode { get; init; }

    /// <summary>Facts worth telling once (websocket refused, polling used …).</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Refresh;

/// <summary>The items of a refresh with their outcomes, and the totals per outcome.</summary>
public sealed class RefreshOutcomeReport
{
    [JsonPropertyName("items")] public required IReadOnlyList<ItemRefreshOutcome> Items { get; init; }

    /// <summary>How many items ended in each outcome (only outcomes that occurred), in the order of <see cref="RefreshOutcome"/>.</summary>
    [JsonPropertyName("totals")]
    public IReadOnlyDictionary<string, int> Totals =>
        Items.GroupBy(i => i.Outcome).OrderBy(g => g.Key).ToDictionary(g => Name(g.Key), g => g.Count());

    /// <summary>How completion was detected (websocket or polling), when waiting.</summary>
    [JsonPropertyName("completionMode")] public CompletionMode? CompletionMode { get; init; }

    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The outcome's name as printed and written to JSON (<c>pluginNotLoaded</c>).</summary>
    public static string Name(RefreshOutcome outcome) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());
}

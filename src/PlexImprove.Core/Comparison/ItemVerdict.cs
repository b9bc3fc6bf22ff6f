using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>One tested item: its baseline outcome, what the log and Plex said after the fix, and the verdict.</summary>
public sealed class ItemVerdict
{
    [JsonPropertyName("ratingKey")] public required string RatingKey { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("role")] public required ItemRole Role { get; init; }

    /// <summary>Whether the item succeeded in the baseline (false for every <see cref="ItemRole.Failed"/> item).</summary>
    [JsonPropertyName("baselineSucceeded")] public required bool BaselineSucceeded { get; init; }

    /// <summary>What the plugin log says about the item's sessions inside the test window.</summary>
    [JsonPropertyName("logOutcome")] public required ItemOutcome LogOutcome { get; init; }

    /// <summary>What Plex shows after the refresh; null when the item could not be read.</summary>
    [JsonPropertyName("plex")] public PlexItemCheck? Plex { get; init; }

    /// <summary>The final outcome: <see cref="ItemOutcome.Succeeded"/> only when the log and Plex agree.</summary>
    [JsonPropertyName("outcome")] public required ItemOutcome Outcome { get; init; }

    /// <summary>Why, in a sentence for the report.</summary>
    [JsonPropertyName("reason")] public string Reason { get; init; } = "";

    [JsonIgnore] public bool Succeeded => Outcome == ItemOutcome.Succeeded;

    /// <summary>Items Plex does not know are listed but not counted.</summary>
    [JsonIgnore] public bool Counted => Outcome != ItemOutcome.NotFound;

    /// <summary>
    /// Combines the two judges: success needs a successful log session AND a Plex item that shows the match.
    /// A fix that only silences error lines leaves Plex without the fields, so it cannot pass.
    /// </summary>
    public static (ItemOutcome Outcome, string Reason) Judge(ItemOutcome logOutcome, PlexItemCheck? plex)
    {
        if (logOutcome != ItemOutcome.Succeeded)
        {
            return (logOutcome, logOutcome switch
            {
                ItemOutcome.TimedOut => "Plex did not report the refresh as finished before the timeout.",
                ItemOutcome.NoSession => "The refresh finished but the agent logged no session for the item.",
                ItemOutcome.NotFound => "Plex does not know this ratingKey.",
                ItemOutcome.RefreshFailed => "Plex refused the refresh request.",
                ItemOutcome.Crashed => "The agent crashed (the Framework caught an exception).",
                ItemOutcome.Unfinished => "The agent's session never logged an outcome.",
                _ => "The agent logged a failure.",
            });
        }

        if (plex is null)
        {
            return (ItemOutcome.PlexDisagrees, "The log says success but the item could not be re-read from Plex.");
        }

        return plex.Passed
            ? (ItemOutcome.Succeeded, "The log shows a successful session and Plex shows the matched fields.")
            : (ItemOutcome.PlexDisagrees, "The log says success but Plex disagrees: " + string.Join(", ", plex.Missing()) + ".");
    }
}

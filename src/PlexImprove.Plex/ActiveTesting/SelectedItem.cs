using System.Text.Json.Serialization;
using PlexImprove.Core.Comparison;

namespace PlexImprove.Plex.ActiveTesting;

/// <summary>An item chosen for an active test from its baseline sessions.</summary>
public sealed record SelectedItem(
    [property: JsonPropertyName("ratingKey")] string RatingKey,
    [property: JsonPropertyName("role")] ItemRole Role,
    [property: JsonPropertyName("agent")] string Agent,
    [property: JsonPropertyName("lastSession")] DateTime LastSession);

using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>
/// An agent that failed at baseline, as the run pursues it: it stays in scope until it is fixed or declared unfixable
/// with a reason, and it is diagnosed only on fresh sessions (refreshed first when its window has none).
/// </summary>
public sealed class AgentPursuit
{
    /// <summary>Its sessions at baseline.</summary>
    [JsonPropertyName("baseline")] public required AgentRate Baseline { get; init; }

    /// <summary>The last iteration whose diagnosis saw sessions of it in its window.</summary>
    [JsonPropertyName("diagnosedFreshIn")] public int? DiagnosedFreshIn { get; set; }

    /// <summary>The last iteration that refreshed its failed items because its window held no session.</summary>
    [JsonPropertyName("refreshedIn")] public int? RefreshedIn { get; set; }

    /// <summary>How many of its failed items that refresh asked Plex for.</summary>
    [JsonPropertyName("refreshedItems")] public int RefreshedItems { get; set; }

    /// <summary>Why the run cannot fix it (set when a diagnosis on fresh evidence finds nothing that applies); null while pursued.</summary>
    [JsonPropertyName("unfixable")] public string? Unfixable { get; set; }
}

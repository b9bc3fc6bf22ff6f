using System.Text.Json.Serialization;
using PlexImprove.Agent.Reflection;

namespace PlexImprove.Loop.PostMortem;

/// <summary>Phase 5 of one iteration (<c>post_mortem_analysis.json</c>), schema version 1.</summary>
public sealed class PostMortemReport
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 1;
    [JsonPropertyName("iteration")] public required int Iteration { get; init; }
    [JsonPropertyName("interventions")] public required IReadOnlyList<PostMortemEntry> Interventions { get; init; }

    /// <summary>The same outcomes in the form the brain reflects on.</summary>
    [JsonIgnore] public IReadOnlyList<InterventionOutcome> Outcomes { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary><c>decision_log.json</c>: every decision of the run in order, schema version 1.</summary>
public sealed class DecisionLog
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    [JsonPropertyName("decisions")] public List<Decision> Decisions { get; init; } = [];
}

using System.Text.Json.Serialization;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>The part of a <see cref="DiagnosticReport"/> the model writes; brain, time and verification are filled in by code.</summary>
public sealed class DiagnosisAnswer
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = DiagnosticReport.CurrentSchemaVersion;
    [JsonPropertyName("fixes")] public required IReadOnlyList<FixProposal> Fixes { get; init; }
    [JsonPropertyName("uncovered")] public IReadOnlyList<UncoveredSignature> Uncovered { get; init; } = [];
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}

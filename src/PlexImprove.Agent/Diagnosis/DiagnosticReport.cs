using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>
/// Phase 2's answer (<c>iteration_N/diagnostic_report.json</c>), schema version 1: the fixes a brain proposes,
/// most important first, each verified by <c>preview_patch</c> before the report is accepted.
/// </summary>
public sealed class DiagnosticReport
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Which brain wrote it: <c>playbook</c> or <c>llm:&lt;model&gt;</c>.</summary>
    [JsonPropertyName("brain")] public required string Brain { get; init; }

    [JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The agents the diagnosis looked at.</summary>
    [JsonPropertyName("agents")] public IReadOnlyList<string> Agents { get; init; } = [];

    [JsonPropertyName("fixes")] public required IReadOnlyList<FixProposal> Fixes { get; init; }

    /// <summary>Signatures no proposal covers, said plainly (id and why).</summary>
    [JsonPropertyName("uncovered")] public IReadOnlyList<UncoveredSignature> Uncovered { get; init; } = [];

    /// <summary>Fixes offered but not proposed, each with its reason, so "0 fixes" never hides what was refused.</summary>
    [JsonPropertyName("rejected")] public IReadOnlyList<RejectedFix> Rejected { get; init; } = [];

    /// <summary>Agents whose failures no offline change can cure, each with the reason and its evidence.</summary>
    [JsonPropertyName("outOfReach")] public IReadOnlyList<OutOfReachAgent> OutOfReach { get; init; } = [];

    /// <summary>What a reader needs to interpret the report (a page that could not be fetched, a repair round …).</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string> Notes { get; init; } = [];
}

using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Diagnosis;

/// <summary>One proposed fix: its cause and evidence, the patch, and the results it must produce, stated before any change.</summary>
public sealed class FixProposal
{
    /// <summary>Fix id (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>), unique in the run: names backups and test reports.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }

    /// <summary>Agent identifiers the fix targets (<c>com.plexapp.agents.X</c>).</summary>
    [JsonPropertyName("agents")] public required IReadOnlyList<string> Agents { get; init; }
    [JsonPropertyName("rootCause")] public required string RootCause { get; init; }
    [JsonPropertyName("evidence")] public IReadOnlyList<FixEvidence> Evidence { get; init; } = [];
    [JsonPropertyName("expectedVsObserved")] public required ExpectedVsObserved ExpectedVsObserved { get; init; }

    /// <summary>The change, or null when the fix is advice only (nothing the tool can apply).</summary>
    [JsonPropertyName("patch")] public ProposedPatch? Patch { get; init; }
    [JsonPropertyName("expectedResults")] public IReadOnlyList<ExpectedResult> ExpectedResults { get; init; } = [];
    [JsonPropertyName("successIndicators")] public IReadOnlyList<string> SuccessIndicators { get; init; } = [];
    [JsonPropertyName("failureIndicators")] public IReadOnlyList<string> FailureIndicators { get; init; } = [];

    /// <summary>What to do if the fix does not work.</summary>
    [JsonPropertyName("contingency")] public string Contingency { get; init; } = "";
    [JsonPropertyName("priority")] public FixPriority Priority { get; init; } = FixPriority.Medium;

    /// <summary>0..1.</summary>
    [JsonPropertyName("confidence")] public double Confidence { get; init; }

    /// <summary>Ids of the lessons that shaped this proposal.</summary>
    [JsonPropertyName("lessonsApplied")] public IReadOnlyList<string> LessonsApplied { get; init; } = [];

    /// <summary>Set by verification (<c>preview_patch</c>), never by the brain.</summary>
    [JsonPropertyName("verification")] public FixVerification? Verification { get; set; }

    /// <summary>The pre-flight the brain ran on the candidate (failing items that now match), when it ran one.</summary>
    [JsonPropertyName("preflight")] public Preflight.PreflightResult? Preflight { get; set; }
}

using System.Text.Json.Serialization;
using PlexImprove.Core.Comparison;

namespace PlexImprove.Loop.State;

/// <summary>One proposed fix as the run tracks it (the proposal itself is in <c>iteration_N/diagnostic_report.json</c>).</summary>
public sealed class FixRecord
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("iteration")] public required int Iteration { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("agents")] public required IReadOnlyList<string> Agents { get; init; }
    [JsonPropertyName("status")] public FixState Status { get; set; } = FixState.Pending;
    [JsonPropertyName("step")] public FixStep Step { get; set; } = FixStep.Queued;

    /// <summary>Files the fix changed, relative to the Plug-ins root.</summary>
    [JsonPropertyName("files")] public IReadOnlyList<string> Files { get; set; } = [];

    /// <summary>Earlier fixes still in place on one of the same files when this one was applied (stacked changes).</summary>
    [JsonPropertyName("stackedOn")] public IReadOnlyList<string> StackedOn { get; set; } = [];

    /// <summary>KEEP, MONITOR or ROLLBACK, once tested (written <c>keep</c>, <c>monitor</c>, <c>rollback</c>).</summary>
    [JsonPropertyName("decision")]
    [JsonConverter(typeof(KeepDecisionJsonConverter))]
    public KeepDecision? Decision { get; set; }

    /// <summary>The iteration that proposed the same fix first, when this proposal repeats it (so it is not applied again).</summary>
    [JsonPropertyName("alreadyTriedIn")] public int? AlreadyTriedIn { get; set; }

    /// <summary>Why: the test's sentence, the gate's findings, the load failure.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    /// <summary>When the change was written, when its test began and when the rollback was complete (local time, as logged).</summary>
    [JsonPropertyName("appliedAt")] public DateTime? AppliedAt { get; set; }
    [JsonPropertyName("testedFrom")] public DateTime? TestedFrom { get; set; }
    [JsonPropertyName("rolledBackAt")] public DateTime? RolledBackAt { get; set; }

    /// <summary>Plugins that did not load after the restart.</summary>
    [JsonPropertyName("loadFailures")] public IReadOnlyList<string> LoadFailures { get; set; } = [];

    /// <summary>The test report, relative to the work folder.</summary>
    [JsonPropertyName("testReport")] public string? TestReport { get; set; }

    /// <summary>Success of the tested items before and after (0..1).</summary>
    [JsonPropertyName("successBefore")] public double? SuccessBefore { get; set; }
    [JsonPropertyName("successAfter")] public double? SuccessAfter { get; set; }

    /// <summary>SHA-256 of the patch, so a later diagnosis can tell the same change from a new one.</summary>
    [JsonPropertyName("patchHash")] public string? PatchHash { get; init; }

    /// <summary>What the pre-flight predicted before the fix was applied (or why it was refused); null without a pre-flight.</summary>
    [JsonPropertyName("preflight")] public PreflightPrediction? Preflight { get; set; }

    /// <summary>Lesson ids the brain says shaped this proposal.</summary>
    [JsonPropertyName("lessonsApplied")] public IReadOnlyList<string> LessonsApplied { get; init; } = [];
}

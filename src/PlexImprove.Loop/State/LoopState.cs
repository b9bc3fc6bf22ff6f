using System.Text.Json.Serialization;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Loop.State;

/// <summary>
/// <c>loop_state.json</c>, schema version <see cref="CurrentSchemaVersion"/>: everything a resumed run needs, written
/// atomically after every step.
/// </summary>
public sealed class LoopState
{
    public const int CurrentSchemaVersion = 1;

    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    [JsonPropertyName("status")] public LoopStatus Status { get; set; } = LoopStatus.Running;
    [JsonPropertyName("iteration")] public int Iteration { get; set; } = 1;
    [JsonPropertyName("phase")] public LoopPhase Phase { get; set; } = LoopPhase.Aggregate;

    /// <summary>The fix being applied or tested, and its step.</summary>
    [JsonPropertyName("currentFix")] public string? CurrentFix { get; set; }
    [JsonPropertyName("currentStep")] public FixStep? CurrentStep { get; set; }

    [JsonPropertyName("brain")] public required string Brain { get; init; }
    [JsonPropertyName("pluginsDir")] public required string PluginsDir { get; init; }
    [JsonPropertyName("logsDir")] public required string LogsDir { get; init; }

    /// <summary>The server, without a token.</summary>
    [JsonPropertyName("plexUrl")] public required string PlexUrl { get; init; }

    /// <summary>Agents the run works on; empty: every agent in the logs.</summary>
    [JsonPropertyName("agents")] public IReadOnlyList<string> Agents { get; init; } = [];
    [JsonPropertyName("dryRun")] public bool DryRun { get; init; }
    [JsonPropertyName("maxIterations")] public int MaxIterations { get; set; }

    [JsonPropertyName("startedAt")] public required DateTimeOffset StartedAt { get; init; }
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The end of the last aggregated window (local time, as logged); the next window starts there.</summary>
    [JsonPropertyName("windowEnd")] public DateTime? WindowEnd { get; set; }

    /// <summary>The start of the current iteration's window (null: the whole logs).</summary>
    [JsonPropertyName("iterationWindowStart")] public DateTime? IterationWindowStart { get; set; }

    /// <summary>The end of the current iteration's own window: its tests happen after it.</summary>
    [JsonPropertyName("iterationWindowEnd")] public DateTime? IterationWindowEnd { get; set; }

    /// <summary>
    /// Agents whose code a fix changed or restored in this iteration, with the window of their log that reflects the
    /// code they run now; the next iteration diagnoses and tests them on it instead of on its new lines alone.
    /// </summary>
    [JsonPropertyName("nextWindows")] public Dictionary<string, AgentWindow> NextWindows { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The agents' own windows the current iteration was measured on (see <see cref="NextWindows"/>).</summary>
    [JsonPropertyName("iterationWindows")] public Dictionary<string, AgentWindow> IterationWindows { get; set; } = new(StringComparer.Ordinal);

    [JsonPropertyName("baseline")] public MetricsSnapshot? Baseline { get; set; }
    [JsonPropertyName("current")] public MetricsSnapshot? Current { get; set; }

    /// <summary>The demo's final library-wide measurement, when one was taken.</summary>
    [JsonPropertyName("final")] public MetricsSnapshot? Final { get; set; }

    [JsonPropertyName("history")] public List<IterationRecord> History { get; init; } = [];
    [JsonPropertyName("fixes")] public List<FixRecord> Fixes { get; init; } = [];

    /// <summary>The agents that failed at baseline, pursued until fixed or declared unfixable.</summary>
    [JsonPropertyName("pursuit")] public SortedDictionary<string, AgentPursuit> Pursuit { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Set when the run ends: every agent still failing and why.</summary>
    [JsonPropertyName("leftFailing")] public List<AgentLeftFailing> LeftFailing { get; set; } = [];
    /// <summary>What the lesson book did in the current iteration (moved into its history record at the exit check).</summary>
    [JsonPropertyName("currentLessonChanges")] public List<string> CurrentLessonChanges { get; init; } = [];

    [JsonPropertyName("timings")] public PhaseTiming Timings { get; init; } = new();

    /// <summary>Why the run ended (<c>target</c>, <c>plateau</c> …), once it has.</summary>
    [JsonPropertyName("exitCondition")] public string? ExitCondition { get; set; }
    [JsonPropertyName("exitReason")] public string? ExitReason { get; set; }

    /// <summary>Why the run paused or failed, and the exact command that continues it.</summary>
    [JsonPropertyName("stopReason")] public string? StopReason { get; set; }
    [JsonPropertyName("resumeCommand")] public string? ResumeCommand { get; set; }
}

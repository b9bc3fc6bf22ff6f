using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Brains;

/// <summary>What a diagnosis starts from: Phase 1's metrics (and sessions), the digest, the code, the lessons.</summary>
public sealed class DiagnosisRequest
{
    /// <summary>Phase 1's result for the window to diagnose; <see cref="AggregationResult.Sessions"/> filled.</summary>
    public required AggregationResult Aggregation { get; init; }

    /// <summary>The Markdown digest of <see cref="Aggregation"/> (what the LLM reads first).</summary>
    public required string Digest { get; init; }

    /// <summary>The Plug-ins folder (read only during diagnosis).</summary>
    public required string PluginsDir { get; init; }

    /// <summary>The plugin logs folder.</summary>
    public required string LogsDir { get; init; }

    /// <summary>Agents to diagnose; empty means every agent with failures.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>The lessons in force (the top rules per phase go into the prompt; the playbook consults them).</summary>
    public required LessonBook Lessons { get; init; }

    /// <summary>The loop iteration (1 for a one-off diagnosis).</summary>
    public int Iteration { get; init; } = 1;

    /// <summary>Fixes tried earlier in this run (ids and outcome), so a diagnosis does not propose them again.</summary>
    public IReadOnlyList<AttemptedFix> Attempted { get; init; } = [];

    /// <summary>
    /// Runs a candidate fix on a scratch copy against the failing items before it is proposed (the playbook keeps the
    /// first candidate that makes some match; the LLM repairs its patch from the result). Null: no pre-flight.
    /// </summary>
    public IFixPreflight? Preflight { get; init; }
}

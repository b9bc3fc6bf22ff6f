using PlexImprove.Core.Changes.Gate;

namespace PlexImprove.Core.Changes.Log;

/// <summary>One run of the gate on one side of the change.</summary>
public sealed class GateRun
{
    /// <summary><c>before</c> or <c>after</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>The checks run: <c>syntax</c>, <c>lint</c>.</summary>
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>The files checked (copies share their original's result).</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public required IReadOnlyList<CodeFinding> Findings { get; init; }
}

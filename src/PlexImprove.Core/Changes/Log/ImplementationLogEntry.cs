using PlexImprove.Core.Changes.Gate;

namespace PlexImprove.Core.Changes.Log;

/// <summary>One fix in <c>implementation_log.json</c>: what it changes, what the gate said, what happened.</summary>
public sealed class ImplementationLogEntry
{
    public required string FixId { get; init; }

    public required FixStatus Status { get; set; }

    /// <summary>The behaviour the fix is expected to produce, stated before the change (<c>--expect</c>).</summary>
    public string? ExpectedBehaviour { get; init; }

    /// <summary>The patch file's name and hash.</summary>
    public string? Patch { get; init; }

    public string? PatchSha256 { get; init; }

    public bool AllCopies { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset? RolledBackAt { get; set; }

    /// <summary>The backup folder, relative to the iteration folder.</summary>
    public string? Backup { get; init; }

    public IReadOnlyList<LoggedFile> Files { get; init; } = [];

    /// <summary>The earlier fixes whose result this fix changed further (same files, written on top of them).</summary>
    public IReadOnlyList<string> StacksOn { get; set; } = [];

    public IReadOnlyList<SkippedCopy> SkippedCopies { get; init; } = [];

    public IReadOnlyList<GateRun> Checks { get; init; } = [];

    /// <summary>Findings after the change: introduced (blocking) and pre-existing.</summary>
    public GateComparison? Findings { get; init; }

    public string? Message { get; set; }

    public List<StatusChange> History { get; init; } = [];
}

using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Changes.Log;

namespace PlexImprove.Core.Changes;

/// <summary>What <see cref="ChangeEngine.ApplyPatchAsync"/> did: applied, previewed, or blocked (nothing written) with the findings that block it.</summary>
public sealed class ChangeOutcome
{
    public required string FixId { get; init; }

    public required int Iteration { get; init; }

    /// <summary><c>applied</c>, <c>previewed</c> (dry run) or <c>blocked</c>.</summary>
    public required FixStatus Status { get; init; }

    /// <summary>True only when the files were written.</summary>
    public bool Applied => Status == FixStatus.Applied;

    /// <summary>One line a Plex admin can read: what happened and why.</summary>
    public required string Message { get; init; }

    public required IReadOnlyList<ChangedFile> Files { get; init; }

    public IReadOnlyList<SkippedCopy> SkippedCopies { get; init; } = [];

    /// <summary>Introduced findings (blocking), pre-existing ones (reported) and resolved ones.</summary>
    public required GateComparison Findings { get; init; }

    /// <summary>The backup folder (absolute), when files were written.</summary>
    public string? BackupFolder { get; init; }

    /// <summary>The earlier fixes whose result this fix changed further (same files); rolling them back needs cascade.</summary>
    public IReadOnlyList<string> StacksOn { get; init; } = [];

    /// <summary>The implementation log (absolute), unless a dry run.</summary>
    public string? ImplementationLog { get; init; }
}

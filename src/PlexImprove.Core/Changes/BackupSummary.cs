using PlexImprove.Core.Changes.Backups;

namespace PlexImprove.Core.Changes;

/// <summary>One backup as <c>backups</c> / <c>list_backups</c> shows it.</summary>
public sealed class BackupSummary
{
    public required string FixId { get; init; }

    public required int Iteration { get; init; }

    /// <summary>The backup folder's name, <c>&lt;fix-id&gt;_&lt;yyyyMMdd_HHmmss&gt;</c>.</summary>
    public required string Backup { get; init; }

    public required string Folder { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How the live files compare with the backup.</summary>
    public required BackupState State { get; init; }

    /// <summary>For <see cref="BackupState.Stacked"/>: the later fixes (oldest first) that changed this fix's files on top of it.</summary>
    public IReadOnlyList<string> LaterFixes { get; init; } = [];

    /// <summary>The fix's status in the implementation log, when it has an entry.</summary>
    public string? LogStatus { get; init; }

    public required IReadOnlyList<string> Files { get; init; }
}

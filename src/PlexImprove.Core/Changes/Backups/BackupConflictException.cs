using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Backups;

/// <summary>A file was changed by someone else since the fix, so restoring it would lose that change. Nothing was restored.</summary>
public sealed class BackupConflictException : PlexImproveException
{
    public BackupConflictException(string message, IReadOnlyList<string> files)
        : base(message) => Files = files;

    /// <summary>The files (relative to the Plug-ins root) that changed since the fix.</summary>
    public IReadOnlyList<string> Files { get; }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Backups;

/// <summary>No backup matches the fix id or iteration asked for, or a backup is incomplete or damaged.</summary>
public sealed class BackupNotFoundException : PlexImproveException
{
    public BackupNotFoundException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}

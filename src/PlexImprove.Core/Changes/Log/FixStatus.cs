namespace PlexImprove.Core.Changes.Log;

/// <summary>Where a fix stands.</summary>
public enum FixStatus
{
    /// <summary>Backed up and being written (a crash leaves this state; <c>rollback</c> restores from the backup).</summary>
    InProgress,

    /// <summary>Written to the Plug-ins folder.</summary>
    Applied,

    /// <summary>The gate found problems the change would introduce; nothing was written.</summary>
    Blocked,

    /// <summary>Checked with <c>--dry-run</c>; nothing was written.</summary>
    Previewed,

    /// <summary>Writing failed; the files written so far were restored.</summary>
    Failed,

    /// <summary>Restored from its backup.</summary>
    RolledBack,
}

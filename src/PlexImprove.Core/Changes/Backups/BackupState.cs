namespace PlexImprove.Core.Changes.Backups;

/// <summary>How the live files compare with a backup.</summary>
public enum BackupState
{
    /// <summary>Every file holds the fix's result.</summary>
    Applied,

    /// <summary>Every file holds its original content again (rolled back, or the write never happened).</summary>
    Original,

    /// <summary>Every file holds the fix's change, and a later fix of this work folder changed at least one of them on top of it.</summary>
    Stacked,

    /// <summary>Some files hold the fix's result, others their original content (an interrupted write or rollback).</summary>
    Partial,

    /// <summary>At least one file was changed outside plex-improve since the fix (or is missing).</summary>
    ChangedSince,

    /// <summary>The Plug-ins root is not reachable, so the state is unknown.</summary>
    Unknown,
}

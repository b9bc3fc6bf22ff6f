namespace PlexImprove.Core.Changes.Files;

/// <summary>The points of a change at which a crash must still leave every file old or new.</summary>
public enum ChangeStep
{
    /// <summary>The backup folder and its manifest are complete; no target was touched yet.</summary>
    BackupWritten,

    /// <summary>The new content sits flushed in a temporary file beside the target; the target is still old.</summary>
    TempFileWritten,

    /// <summary>The temporary file was renamed over the target; the target is new.</summary>
    TargetReplaced,
}

namespace PlexImprove.Core.Changes.Backups;

/// <summary>One backup folder <c>_BACKUPS/&lt;fix-id&gt;_&lt;yyyyMMdd_HHmmss&gt;/</c> and its manifest.</summary>
public sealed class BackupSet
{
    public required string FolderPath { get; init; }

    public required BackupManifest Manifest { get; init; }

    /// <summary>The folder's name, <c>&lt;fix-id&gt;_&lt;yyyyMMdd_HHmmss&gt;</c>.</summary>
    public string Name => System.IO.Path.GetFileName(FolderPath);

    /// <summary>Where the backup copy of <paramref name="entry"/> lies.</summary>
    public string CopyPath(BackupManifestEntry entry) =>
        System.IO.Path.Combine([FolderPath, .. entry.Path.Split('/')]);
}

namespace PlexImprove.Core.Changes.Backups;

/// <summary><c>manifest.json</c> of a backup folder: written completely before any target is touched.</summary>
public sealed class BackupManifest
{
    public int SchemaVersion { get; init; } = 1;

    public required string FixId { get; init; }

    public required int Iteration { get; init; }

    /// <summary>When the backup was taken (local time with offset).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Plug-ins root the paths are relative to (symlinks resolved).</summary>
    public required string PluginsRoot { get; init; }

    public required IReadOnlyList<BackupManifestEntry> Files { get; init; }
}

namespace PlexImprove.Core.Changes.Backups;

/// <summary>One backed-up file: where it lives, its size and mode, and its hash before and after the fix.</summary>
public sealed class BackupManifestEntry
{
    /// <summary>Relative to the Plug-ins root, <c>/</c>-separated; the backup copy sits at the same relative path in the backup folder.</summary>
    public required string Path { get; init; }

    /// <summary>Size in bytes before the fix.</summary>
    public required long Size { get; init; }

    /// <summary>Unix mode as octal text (<c>0644</c>); empty on Windows.</summary>
    public string Mode { get; init; } = "";

    public required string Sha256Before { get; init; }

    public required string Sha256After { get; init; }

    /// <summary>Size in bytes after the fix.</summary>
    public long SizeAfter { get; init; }

    /// <summary>For <c>--all-copies</c>: the patched file this one is a byte-identical copy of.</summary>
    public string? CopyOf { get; init; }
}

namespace PlexImprove.Core.Changes;

/// <summary>One backup restored by a rollback.</summary>
public sealed class RolledBackFix
{
    public required string FixId { get; init; }

    public required int Iteration { get; init; }

    /// <summary>The backup folder's name.</summary>
    public required string Backup { get; init; }

    public required IReadOnlyList<RestoredFile> Files { get; init; }

    /// <summary>True when the fix was not asked for but rolled back first because it was stacked on one that was (cascade).</summary>
    public bool Cascaded { get; init; }
}

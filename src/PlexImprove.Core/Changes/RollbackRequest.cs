namespace PlexImprove.Core.Changes;

/// <summary>Which backups to restore: one fix, one iteration, or all; newest first.</summary>
public sealed class RollbackRequest
{
    /// <summary>Restore the backups of this fix id (in any iteration, or in <see cref="Iteration"/> when given).</summary>
    public string? FixId { get; init; }

    /// <summary>Restore every backup of this iteration (or narrow <see cref="FixId"/> to it).</summary>
    public int? Iteration { get; init; }

    /// <summary>Restore every backup of the work folder.</summary>
    public bool All { get; init; }

    /// <summary>
    /// Restore even files changed outside plex-improve since the fix (that change is lost). Never discards a later
    /// fix of the work folder: that takes <see cref="Cascade"/>.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>Also roll back the later fixes that changed the same files on top of the chosen ones, newest first.</summary>
    public bool Cascade { get; init; }
}

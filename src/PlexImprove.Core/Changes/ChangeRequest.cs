namespace PlexImprove.Core.Changes;

/// <summary>One fix to check and (unless a dry run) apply.</summary>
public sealed class ChangeRequest
{
    /// <summary>The fix id (letters, digits, <c>.</c>, <c>_</c>, <c>-</c>): names the backup folder and the log entry.</summary>
    public required string FixId { get; init; }

    /// <summary>The loop iteration (1 or more): the fix is logged and backed up under <c>iteration_&lt;N&gt;/</c>.</summary>
    public required int Iteration { get; init; }

    /// <summary>The patch bytes: a unified diff, search/replace JSON or search/replace blocks.</summary>
    public required ReadOnlyMemory<byte> Patch { get; init; }

    /// <summary>Where the patch came from (file name), for the log.</summary>
    public string? PatchName { get; init; }

    /// <summary>Also change every byte-identical copy of each target in the other bundles.</summary>
    public bool AllCopies { get; init; }

    /// <summary>The behaviour the fix should produce, stated before the change.</summary>
    public string? ExpectedBehaviour { get; init; }

    /// <summary>
    /// Network hosts a person approved by name for this change: a change that makes an agent reach a host its code
    /// never named is refused unless the host is listed here (see <see cref="ChangeAdmission.NewHosts"/>).
    /// </summary>
    public IReadOnlyCollection<string> ApprovedHosts { get; init; } = [];

    /// <summary>Check only: nothing is written (no backup, no log entry, no file).</summary>
    public bool DryRun { get; init; }
}

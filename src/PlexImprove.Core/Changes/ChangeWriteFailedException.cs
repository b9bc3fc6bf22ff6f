using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes;

/// <summary>Writing a changed file failed; the files written before it were restored from the backup.</summary>
public sealed class ChangeWriteFailedException : PlexImproveException
{
    public ChangeWriteFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

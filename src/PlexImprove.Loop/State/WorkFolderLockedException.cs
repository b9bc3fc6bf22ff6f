using PlexImprove.Core.Errors;

namespace PlexImprove.Loop.State;

/// <summary>Another live process runs on the same work folder (exit code 2).</summary>
public sealed class WorkFolderLockedException : PlexImproveException
{
    public WorkFolderLockedException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}

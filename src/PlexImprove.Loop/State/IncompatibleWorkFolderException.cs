using PlexImprove.Core.Errors;

namespace PlexImprove.Loop.State;

/// <summary>The work folder holds something this run cannot continue or must not overwrite (exit code 2).</summary>
public sealed class IncompatibleWorkFolderException : PlexImproveException
{
    public IncompatibleWorkFolderException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}

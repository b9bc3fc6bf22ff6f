using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes;

/// <summary>Another writer (another session, command or process) held the Plug-ins or work folder for longer than this one may wait; nothing was written.</summary>
public sealed class WriterBusyException : PlexImproveException
{
    public WriterBusyException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

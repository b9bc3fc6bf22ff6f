using PlexImprove.Core.Errors;

namespace PlexImprove.Loop.Coordination;

/// <summary>
/// The run stopped before an exit condition with its state saved (Plex unreachable, the brain failing, a restart that
/// needs the user): the message gives the reason and the exact command that continues it. The exit code follows the cause.
/// </summary>
public sealed class LoopStoppedException : PlexImproveException
{
    private readonly FailureKind _kind;

    public LoopStoppedException(string message, FailureKind kind, Exception? innerException = null)
        : base(message, innerException) => _kind = kind;

    public override FailureKind Kind => _kind;
}

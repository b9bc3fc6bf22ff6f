using PlexImprove.Core.Errors;

namespace PlexImprove.Python.Gate;

/// <summary>The Python 2.7 checker itself failed (crashed, timed out, answered nonsense); nothing was decided or written.</summary>
public sealed class CodeGateFailedException : PlexImproveException
{
    public CodeGateFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Logs.Archive;

/// <summary>The run's log archive would grow past its cap; nothing was written past it and the live logs are untouched.</summary>
public sealed class LogArchiveFullException : PlexImproveException
{
    public LogArchiveFullException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.NeedsUser;
}

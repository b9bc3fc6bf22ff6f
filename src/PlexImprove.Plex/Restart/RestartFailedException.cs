using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Restart;

/// <summary>A restart was attempted but Plex did not come back (exit code 1).</summary>
public sealed class RestartFailedException : PlexImproveException
{
    public RestartFailedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

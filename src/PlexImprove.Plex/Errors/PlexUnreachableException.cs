using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Errors;

/// <summary>Plex did not answer after the retries: down, wrong URL or blocked. Bad configuration (exit code 2).</summary>
public sealed class PlexUnreachableException : PlexImproveException
{
    public PlexUnreachableException(string serverUrl, string detail, Exception? innerException = null)
        : base($"Plex Media Server did not answer at {serverUrl} ({detail}). Check that it is running and that Plex:Url (or --url) is right.", innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}

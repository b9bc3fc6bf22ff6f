namespace PlexImprove.Core.Errors;

/// <summary>
/// Base of every expected failure. The message is written for a Plex administrator and should name
/// what went wrong and the next step; the CLI prints it without a stack trace.
/// </summary>
public abstract class PlexImproveException : Exception
{
    protected PlexImproveException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Which exit code the failure maps to.</summary>
    public abstract FailureKind Kind { get; }
}

namespace PlexImprove.Core.Errors;

/// <summary>
/// The logs folder is where Plex writes plug-in logs, but no agent has searched or updated anything yet (a new server
/// or a new box): there is nothing to measure until items are refreshed. The message names the command that does it.
/// </summary>
public sealed class NoSessionsYetException : PlexImproveException
{
    public NoSessionsYetException(string message)
        : base(message)
    {
    }

    /// <summary>The user refreshes items first.</summary>
    public override FailureKind Kind => FailureKind.NeedsUser;
}

using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Restart;

/// <summary>No allowed method could restart Plex and nobody can be asked: the user must act (exit code 3).</summary>
public sealed class RestartNeedsUserException : PlexImproveException
{
    public RestartNeedsUserException(string manualStep)
        : base($"Plex must be restarted by hand before the fix can be tested: {manualStep} Then run the command again.") =>
        ManualStep = manualStep;

    /// <summary>The exact step to take.</summary>
    public string ManualStep { get; }

    public override FailureKind Kind => FailureKind.NeedsUser;
}

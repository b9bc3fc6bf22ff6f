namespace PlexImprove.Core.Errors;

/// <summary>How a failure should end a command; the CLI maps each kind to its documented exit code.</summary>
public enum FailureKind
{
    /// <summary>The work itself failed or was blocked (exit code 1).</summary>
    WorkFailed = 1,

    /// <summary>Bad input or configuration: a missing path, a malformed file, a rejected token (exit code 2).</summary>
    BadInput = 2,

    /// <summary>The user must act (for example restart Plex by hand) before the work can go on (exit code 3).</summary>
    NeedsUser = 3,
}

using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Errors;

/// <summary>Plex answered 401: the token is missing, wrong or revoked. Bad configuration (exit code 2).</summary>
public sealed class PlexTokenRejectedException : PlexImproveException
{
    /// <summary>Where a Plex admin finds a valid token.</summary>
    public const string WhereToFindToken =
        "Find a valid token in Plex Web (open an item, '...' > 'Get Info' > 'View XML': the URL ends with X-Plex-Token=...) " +
        "or in Preferences.xml (PlexOnlineToken), then set PLEX_TOKEN in the environment or in .env.";

    public PlexTokenRejectedException(string serverUrl, bool tokenMissing)
        : base(tokenMissing
            ? $"Plex at {serverUrl} needs a token and PLEX_TOKEN is not set (401). {WhereToFindToken}"
            : $"Plex rejected the token (401) at {serverUrl}. {WhereToFindToken}")
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}

namespace PlexImprove.Core.Comparison;

/// <summary>What an active test saw for one item, from the plugin log and from Plex.</summary>
public enum ItemOutcome
{
    /// <summary>The log shows a successful session and Plex shows the matched fields: both agree.</summary>
    Succeeded,

    /// <summary>The agent logged a failure (PGMA failure footer).</summary>
    Failed,

    /// <summary>The Framework caught an exception from the agent.</summary>
    Crashed,

    /// <summary>A session started but never logged an outcome.</summary>
    Unfinished,

    /// <summary>Plex never said the refresh finished within the per-item timeout.</summary>
    TimedOut,

    /// <summary>The refresh finished but the agent logged no session for the item.</summary>
    NoSession,

    /// <summary>The log says success but Plex does not show the fields a match fills (or did not update the item).</summary>
    PlexDisagrees,

    /// <summary>Plex does not know the ratingKey (404); the item is listed and left out of the rates.</summary>
    NotFound,

    /// <summary>Plex refused the refresh request itself.</summary>
    RefreshFailed,
}

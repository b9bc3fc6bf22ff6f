namespace PlexImprove.Plex.Refresh;

/// <summary>What happened to one refreshed item: the agent's outcome from the plugin log and what Plex shows.</summary>
public enum RefreshOutcome
{
    /// <summary>The agent logged a successful session and Plex shows the match.</summary>
    Matched,

    /// <summary>The agent logged success but Plex does not show a match (no guid of the agent, fields missing, or not updated).</summary>
    NotMatched,

    /// <summary>The agent logged a failure.</summary>
    Failed,

    /// <summary>The Framework caught an exception from the agent.</summary>
    Crashed,

    /// <summary>The agent's latest start failed to load its code, so nothing could run.</summary>
    PluginNotLoaded,

    /// <summary>Plex finished but the agent logged no session for the item.</summary>
    NoSession,

    /// <summary>A session started but never logged an outcome.</summary>
    Unfinished,

    /// <summary>Plex never said the refresh finished within the per-item timeout.</summary>
    TimedOut,

    /// <summary>Plex does not know the ratingKey.</summary>
    NotFound,

    /// <summary>Plex refused the refresh request.</summary>
    RefreshFailed,

    /// <summary>Plex reported the refresh finished; without the plugin logs the agent's own outcome is unknown.</summary>
    Finished,

    /// <summary>Asked without waiting: nothing is known yet.</summary>
    Requested,
}

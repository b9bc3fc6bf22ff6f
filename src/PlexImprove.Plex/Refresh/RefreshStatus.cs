namespace PlexImprove.Plex.Refresh;

/// <summary>Where one item's refresh ended.</summary>
public enum RefreshStatus
{
    /// <summary>Plex reported the refresh finished.</summary>
    Completed,

    /// <summary>The refresh was requested and not waited for.</summary>
    Requested,

    /// <summary>Plex did not report completion within the per-item timeout: never counted as success.</summary>
    TimedOut,

    /// <summary>Plex does not know the ratingKey (404).</summary>
    NotFound,

    /// <summary>Plex refused the refresh request.</summary>
    Failed,
}

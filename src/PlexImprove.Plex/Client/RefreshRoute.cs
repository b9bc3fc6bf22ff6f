namespace PlexImprove.Plex.Client;

/// <summary>How a refresh was requested.</summary>
public enum RefreshRoute
{
    /// <summary><c>PUT /library/metadata/{rk}/refresh</c>.</summary>
    Item,

    /// <summary>The server refused the item refresh (404/405); its folder was refreshed instead.</summary>
    Folder,
}

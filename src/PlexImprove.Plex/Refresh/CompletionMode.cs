namespace PlexImprove.Plex.Refresh;

/// <summary>How the end of a refresh is detected.</summary>
public enum CompletionMode
{
    /// <summary>Notifications pushed on <c>/:/websockets/notifications</c> (fast, preferred).</summary>
    WebSocket,

    /// <summary>Polling <c>/activities</c> and the item's <c>updatedAt</c> (when the websocket is unavailable).</summary>
    Polling,
}

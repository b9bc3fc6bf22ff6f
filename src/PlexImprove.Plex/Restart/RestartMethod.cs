namespace PlexImprove.Plex.Restart;

/// <summary>How to restart Plex so edited agent code is loaded (configuration <c>Plex:RestartMethod</c>). Never sudo.</summary>
public enum RestartMethod
{
    /// <summary>Try the per-plugin URL (when plugins are named), then the app (macOS/Windows) or systemd (Linux), then ask the user.</summary>
    Auto,

    /// <summary>Only the undocumented per-plugin restart URL <c>/:/plugins/&lt;identifier&gt;/restart</c>.</summary>
    Plugin,

    /// <summary>Quit and launch the desktop app: <c>osascript</c> on macOS, <c>taskkill</c> (no /f) and a start on Windows.</summary>
    App,

    /// <summary><c>systemctl --no-ask-password restart plexmediaserver</c>, only when allowed without a password.</summary>
    Systemd,

    /// <summary>Print the exact manual step and wait for the user (or exit 3 when nobody can answer).</summary>
    Manual,
}

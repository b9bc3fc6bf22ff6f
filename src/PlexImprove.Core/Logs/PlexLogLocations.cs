namespace PlexImprove.Core.Logs;

/// <summary>Where Plex Media Server keeps its plugin logs on each operating system (facts: Plex's documented defaults).</summary>
public static class PlexLogLocations
{
    /// <summary>The default <c>PMS Plugin Logs</c> folder for this operating system.</summary>
    /// <param name="homeDir">The user's home folder (injected so tests need no real home).</param>
    /// <param name="localAppData">Windows' %LOCALAPPDATA%.</param>
    public static string DefaultPluginLogsDir(string homeDir, string? localAppData = null)
    {
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(homeDir, "Library", "Logs", "Plex Media Server", "PMS Plugin Logs");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(localAppData ?? Path.Combine(homeDir, "AppData", "Local"), "Plex Media Server", "Logs", "PMS Plugin Logs");
        }

        return "/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Logs/PMS Plugin Logs";
    }
}

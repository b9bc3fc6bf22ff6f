namespace PlexImprove.Core.Changes.Files;

/// <summary>Where Plex Media Server keeps its <c>Plug-ins</c> folder on each operating system (Plex's documented defaults).</summary>
public static class PluginsFolderLocations
{
    /// <summary>The default <c>Plug-ins</c> folder for this operating system.</summary>
    /// <param name="homeDir">The user's home folder (injected so tests need no real home).</param>
    /// <param name="localAppData">Windows' %LOCALAPPDATA%.</param>
    public static string DefaultPluginsDir(string homeDir, string? localAppData = null)
    {
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(homeDir, "Library", "Application Support", "Plex Media Server", "Plug-ins");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(localAppData ?? Path.Combine(homeDir, "AppData", "Local"), "Plex Media Server", "Plug-ins");
        }

        return "/var/lib/plexmediaserver/Library/Application Support/Plex Media Server/Plug-ins";
    }
}

namespace PlexImprove.Cli.Hosting.Install;

/// <summary>The places plex-improve reads its files from.</summary>
public enum LayoutOrigin
{
    /// <summary>The repository the launcher started the program from (<c>PLEXIMPROVE_HOME</c>).</summary>
    Repository,

    /// <summary>The installed program's own folder (shipped files).</summary>
    ProgramFolder,

    /// <summary>The user's config folder (<c>~/.config/plex-improve</c>, <c>%APPDATA%\plex-improve</c>).</summary>
    ConfigFolder,

    /// <summary>The folder the command runs in.</summary>
    CurrentFolder,

    /// <summary>The user's data folder, where an installed program provisions Python 2.7.</summary>
    DataFolder,

    /// <summary>A setting names the path.</summary>
    Setting,
}

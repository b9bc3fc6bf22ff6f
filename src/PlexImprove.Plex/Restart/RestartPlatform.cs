namespace PlexImprove.Plex.Restart;

/// <summary>The operating system Plex runs on (it decides which restart methods exist).</summary>
public enum RestartPlatform
{
    Linux,
    MacOS,
    Windows,
}

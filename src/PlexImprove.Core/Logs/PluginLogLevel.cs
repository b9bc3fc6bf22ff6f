namespace PlexImprove.Core.Logs;

/// <summary>The five levels of the Plex Framework's logger, in increasing severity.</summary>
public enum PluginLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Critical,
}

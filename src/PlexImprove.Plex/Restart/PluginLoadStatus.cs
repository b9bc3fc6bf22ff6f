namespace PlexImprove.Plex.Restart;

/// <summary>What a plugin's log says about its latest start.</summary>
public enum PluginLoadStatus
{
    /// <summary><c>Started plug-in</c> after the restart and no load exception.</summary>
    Started,

    /// <summary><c>Exception while loading code</c> or <c>Exception starting plug-in</c>: a critical result.</summary>
    LoadFailed,

    /// <summary>No start was logged within the timeout: also treated as a failed load.</summary>
    NotStarted,

    /// <summary>The plugin logs folder is not readable from here, so the load could not be checked.</summary>
    NotChecked,
}

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// How one refresh of an item ended. Plex does not fail a refresh when the agent fails; this is the
/// sandbox's own record, for tests and the benchmark (the plugin log remains the source of truth).
/// </summary>
public enum RefreshOutcome
{
    /// <summary>The search matched and the update stored metadata.</summary>
    Updated,

    /// <summary>The search found no match (or raised).</summary>
    NotMatched,

    /// <summary>The update raised.</summary>
    UpdateFailed,

    /// <summary>The plug-in could not run (failed to load, or stopped).</summary>
    PluginUnavailable,
}

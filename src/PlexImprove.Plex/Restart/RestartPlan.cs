namespace PlexImprove.Plex.Restart;

/// <summary>A restart request with its plug-ins settled, and how they were chosen.</summary>
public sealed class RestartPlan
{
    /// <summary>The request to hand to <see cref="PlexRestarter.RestartAsync"/>.</summary>
    public required RestartRequest Request { get; init; }

    /// <summary>The plug-ins the Plug-ins folder and the logs folder know (for messages).</summary>
    public required IReadOnlyList<string> KnownPlugins { get; init; }

    /// <summary>The fix the plug-ins were taken from when none was named; null when they were named (or none was found).</summary>
    public string? FromFix { get; init; }
}

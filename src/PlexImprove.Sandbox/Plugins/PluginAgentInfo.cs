namespace PlexImprove.Sandbox.Plugins;

/// <summary>
/// What Plex reads of one agent class to assign agents to sections: its media types, whether it can be a section's
/// primary agent, the primary agents it contributes to (<c>contributes_to</c>) and the agents whose data it takes
/// (<c>accepts_from</c>).
/// </summary>
public sealed record PluginAgentInfo(string Name, IReadOnlyList<string> MediaTypes, bool PrimaryProvider,
    IReadOnlyList<string> ContributesTo, IReadOnlyList<string> AcceptsFrom)
{
    /// <summary>Whether the class serves items of the Framework media type (<c>Movie</c>, <c>TV_Show</c> …).</summary>
    public bool Serves(string frameworkType) => MediaTypes.Contains(frameworkType, StringComparer.Ordinal);
}

namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A library section: its agent (bundle identifier) and its items.</summary>
public sealed class SectionSpec
{
    /// <summary>The <see cref="Provider"/> value by which the box serves the section's agent as a provider itself.</summary>
    public const string SelfProvider = "self";

    public int Id { get; init; }

    public string? Title { get; init; }

    /// <summary>The bundle identifier of the section's primary agent, e.g. <c>com.plexapp.agents.GEVI</c>.</summary>
    public string? Agent { get; init; }

    /// <summary>The section's type: <c>movie</c> (default), <c>show</c>, <c>artist</c>, <c>album</c> or <c>photo</c>.</summary>
    public string? Type { get; init; }

    public List<ItemSpec>? Items { get; init; }

    /// <summary>
    /// The Custom Metadata Provider serving the section, as a Plex 1.43 agent is: refreshes call its match and metadata
    /// instead of running the agent as a legacy one. Either a URL (e.g. the <c>provide</c> command's
    /// <c>http://127.0.0.1:32600/aebn</c>), or <see cref="SelfProvider"/>: the box serves the section's agent as a
    /// provider itself, from its own plug-in processes, so a restart through the box reloads the code the provider runs.
    /// Null (default): the box runs the agent as a legacy one.
    /// </summary>
    public string? Provider { get; init; }

    /// <summary>Whether the box serves this section's agent through its own provider.</summary>
    public bool ProvidedByBox => string.Equals(Provider, SelfProvider, StringComparison.Ordinal);
}

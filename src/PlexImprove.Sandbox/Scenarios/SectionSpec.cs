namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A library section: its agent (bundle identifier) and its items.</summary>
public sealed class SectionSpec
{
    public int Id { get; init; }

    public string? Title { get; init; }

    /// <summary>The bundle identifier of the section's primary agent, e.g. <c>com.plexapp.agents.GEVI</c>.</summary>
    public string? Agent { get; init; }

    /// <summary>The section's type: <c>movie</c> (default), <c>show</c>, <c>artist</c>, <c>album</c> or <c>photo</c>.</summary>
    public string? Type { get; init; }

    public List<ItemSpec>? Items { get; init; }

    /// <summary>
    /// The URL of a Custom Metadata Provider serving the section, as a Plex 1.43 agent is (e.g. the <c>provide</c>
    /// command's <c>http://127.0.0.1:32600/aebn</c>): refreshes call its match and metadata instead of running the agent
    /// in the box. Null (default): the box runs the agent.
    /// </summary>
    public string? Provider { get; init; }
}

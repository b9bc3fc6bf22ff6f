namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A library section: its agent (bundle identifier) and its items.</summary>
public sealed class SectionSpec
{
    public int Id { get; init; }

    public string? Title { get; init; }

    /// <summary>The bundle identifier of the section's primary agent, e.g. <c>com.plexapp.agents.GEVI</c>.</summary>
    public string? Agent { get; init; }

    public List<ItemSpec>? Items { get; init; }
}

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
}

namespace PlexImprove.Sandbox.Scenarios;

/// <summary>One film in a fake site's catalogue.</summary>
public sealed class CatalogEntry
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public int Year { get; init; }

    public string Studio { get; init; } = "";

    public string Summary { get; init; } = "";

    /// <summary>Overrides the site's layout for this entry's detail page.</summary>
    public string? Layout { get; init; }
}

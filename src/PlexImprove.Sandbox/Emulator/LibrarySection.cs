namespace PlexImprove.Sandbox.Emulator;

/// <summary>A library section of the emulated server.</summary>
public sealed class LibrarySection
{
    private int _refreshing;

    public required int Id { get; init; }

    public required string Title { get; init; }

    public required string Agent { get; init; }

    /// <summary>The section's <see cref="SectionType"/>.</summary>
    public string Type { get; init; } = SectionType.Movie;

    public required string Uuid { get; init; }

    /// <summary>The Custom Metadata Provider refreshes call instead of the box's agent (<see cref="Scenarios.SectionSpec.Provider"/>); null for none.</summary>
    public Uri? Provider { get; init; }

    /// <summary>When the box created the section (Unix seconds): its <c>createdAt</c>, <c>updatedAt</c> and <c>scannedAt</c>.</summary>
    public long CreatedAt { get; init; }

    public required IReadOnlyList<LibraryItem> Items { get; init; }

    public bool Refreshing => Volatile.Read(ref _refreshing) > 0;

    public void BeginRefresh() => Interlocked.Increment(ref _refreshing);

    public void EndRefresh() => Interlocked.Decrement(ref _refreshing);

    public PlexNode ToNode() => new PlexNode("Directory")
        .Set("key", Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Set("title", Title)
        .Set("type", SectionType.NodeTypeOf(Type))
        .Set("agent", Agent)
        .Set("scanner", SectionType.ScannerOf(Type))
        .Set("language", "en")
        .Set("uuid", Uuid)
        .Set("createdAt", CreatedAt)
        .Set("updatedAt", CreatedAt)
        .Set("scannedAt", CreatedAt)
        .Set("refreshing", Refreshing)
        .Add(new PlexNode("Location").Set("id", Id).Set("path", "/data/Movies"));
}

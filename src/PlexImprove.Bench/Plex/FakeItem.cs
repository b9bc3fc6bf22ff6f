namespace PlexImprove.Bench.Plex;

/// <summary>An item of the fake server's library; a refresh runs <see cref="FakePlexServer.OnRefresh"/> on it.</summary>
public sealed class FakeItem
{
    public required string RatingKey { get; init; }
    public string SectionId { get; init; } = "1";
    public string? Title { get; set; }
    public int? Year { get; set; }
    public string? Summary { get; set; }
    public string? Guid { get; set; }
    public long UpdatedAt { get; set; } = 1_700_000_000;
    public string File { get; init; } = "/media/movies/Some Movie (2001)/Some Movie (2001).mkv";
}

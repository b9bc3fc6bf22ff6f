namespace PlexImprove.Sandbox.Scenarios;

/// <summary>A movie file in a section, named the Plex way: <c>(Studio) - Title (Year).mp4</c>.</summary>
public sealed class ItemSpec
{
    public string? File { get; init; }
}

namespace PlexImprove.Sandbox.Plugins;

/// <summary>What the plugin is told about the item: its ratingKey, scanner name and year, and file path.</summary>
public sealed record PluginMedia(string RatingKey, string Name, int? Year, string File)
{
    /// <summary>The section's type (<see cref="Emulator.SectionType"/>): which agent class serves the item and which media tree it gets.</summary>
    public string Type { get; init; } = Emulator.SectionType.Movie;
}

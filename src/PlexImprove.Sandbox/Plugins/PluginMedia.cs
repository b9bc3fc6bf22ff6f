namespace PlexImprove.Sandbox.Plugins;

/// <summary>What the plugin is told about the item: its ratingKey, scanner name and year, and file path.</summary>
public sealed record PluginMedia(string RatingKey, string Name, int? Year, string File);

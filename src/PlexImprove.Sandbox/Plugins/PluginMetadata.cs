namespace PlexImprove.Sandbox.Plugins;

/// <summary>The fields an agent's update filled in, and the guid the item now carries.</summary>
public sealed record PluginMetadata(string Guid, string? Title, int? Year, string? Summary, string? Studio);

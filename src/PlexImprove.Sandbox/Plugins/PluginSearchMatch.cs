namespace PlexImprove.Sandbox.Plugins;

/// <summary>One <c>MetadataSearchResult</c> an agent appended.</summary>
public sealed record PluginSearchMatch(string Id, string? Name, int? Year, int Score);

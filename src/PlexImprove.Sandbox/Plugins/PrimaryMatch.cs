namespace PlexImprove.Sandbox.Plugins;

/// <summary>
/// The primary agent's result handed to a contributing agent's search, as Plex hands it: the primary agent's
/// identifier (<c>media.primary_agent</c>), the item's guid from it (<c>media.guid</c>) and what its update stored
/// (<c>media.primary_metadata</c>).
/// </summary>
public sealed record PrimaryMatch(string Agent, string Guid, PluginMetadata Metadata);

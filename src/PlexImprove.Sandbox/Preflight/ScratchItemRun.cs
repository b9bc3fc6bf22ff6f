using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Preflight;

/// <summary>What an agent in a scratch box did with one item: its search results, the update's metadata, or why neither.</summary>
public sealed record ScratchItemRun(PluginMedia Media, IReadOnlyList<PluginSearchMatch> Results, PluginMetadata? Metadata, bool Updated, string? Unavailable);

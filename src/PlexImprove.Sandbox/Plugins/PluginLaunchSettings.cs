namespace PlexImprove.Sandbox.Plugins;

/// <summary>What every plugin process is started with: where logs go, the emulator's URL, and how site hosts map to loopback ports.</summary>
public sealed record PluginLaunchSettings(string LogsDir, string PmsUrl, IReadOnlyDictionary<string, int> SiteMap);

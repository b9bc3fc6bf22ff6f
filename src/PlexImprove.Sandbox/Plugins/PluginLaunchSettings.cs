namespace PlexImprove.Sandbox.Plugins;

/// <summary>What every plugin process is started with: where logs go, the emulator's URL, and how site hosts map to loopback ports.</summary>
public sealed record PluginLaunchSettings(string LogsDir, string PmsUrl, IReadOnlyDictionary<string, int> SiteMap)
{
    /// <summary>How long one search or update may take before the plug-in is treated as hung and stopped. Default 2 minutes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

namespace PlexImprove.Sandbox.Plugins;

/// <summary>What every plugin process is started with: where logs go, the emulator's URL, and how site hosts map to loopback ports.</summary>
public sealed record PluginLaunchSettings(string LogsDir, string PmsUrl, IReadOnlyDictionary<string, int> SiteMap)
{
    /// <summary>How long one search or update may take before the plug-in is treated as hung and stopped. Default 2 minutes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock that measures <see cref="RequestTimeout"/> and the start-up limit. Default the system's.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The emulator's token, written into the run folder's <c>Preferences.xml</c> for agents that read it. Default none.</summary>
    public string? Token { get; init; }

    /// <summary>Where agent code may connect. Default <see cref="Hosting.SandboxNetwork.Fake"/>: the scenario's sites only.</summary>
    public Hosting.SandboxNetwork Network { get; init; } = Hosting.SandboxNetwork.Fake;
}

namespace PlexImprove.Sandbox.Hosting;

/// <summary>How to start a sandbox.</summary>
public sealed class SandboxOptions
{
    /// <summary>A scenario folder (built-in or the user's) to copy into <see cref="Dir"/>.</summary>
    public required string ScenarioRoot { get; init; }

    /// <summary>The run folder; null makes a new temporary one. A folder that already holds a scenario is reused.</summary>
    public string? Dir { get; init; }

    /// <summary>Loopback port of the emulated server. Default 32401 (never the real 32400); 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The token clients must send; null makes a random one.</summary>
    public string? Token { get; init; }

    /// <summary>How many refreshes run at once. Default 4.</summary>
    public int RefreshWorkers { get; init; } = 4;

    /// <summary>How long one agent search or update may take before its plug-in is stopped as hung. Default 2 minutes.</summary>
    public TimeSpan PluginRequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The Framework shim to run bundles with. Default: the one shipped beside the program.</summary>
    public string? ShimPath { get; init; }

    /// <summary>Where agent code may connect. Default <see cref="SandboxNetwork.Fake"/> (the scenario's sites only).</summary>
    public SandboxNetwork Network { get; init; } = SandboxNetwork.Fake;

    public const int DefaultPort = 32401;
}

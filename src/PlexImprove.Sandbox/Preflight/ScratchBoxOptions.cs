using PlexImprove.Sandbox.Hosting;

namespace PlexImprove.Sandbox.Preflight;

/// <summary>Where a scratch box's agents may connect, and how long they may take.</summary>
public sealed record ScratchBoxOptions
{
    /// <summary>Site host to loopback port of the fake sites of the run's box; empty for a real server.</summary>
    public IReadOnlyDictionary<string, int> SiteMap { get; init; } = new Dictionary<string, int>();

    /// <summary>The box's network mode: <see cref="SandboxNetwork.Fake"/> reaches only <see cref="SiteMap"/>. Default: fake when a site map is given, real otherwise.</summary>
    public SandboxNetwork? Network { get; init; }

    /// <summary>How long one search or update may take. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Framework shim. Default: the one shipped beside the program.</summary>
    public string? ShimPath { get; init; }

    internal SandboxNetwork EffectiveNetwork => Network ?? (SiteMap.Count > 0 ? SandboxNetwork.Fake : SandboxNetwork.Real);
}

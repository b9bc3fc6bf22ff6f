using System.Net;
using PlexImprove.Sandbox.Hosting;

namespace PlexImprove.Sandbox.Providers;

/// <summary>How to serve a Plug-ins folder's agents as Custom Metadata Providers.</summary>
public sealed class ProviderOptions
{
    public const int DefaultPort = 32600;

    /// <summary>The Plug-ins folder whose bundles are served, in place (an edit to a bundle reloads it).</summary>
    public required string PluginsDir { get; init; }

    /// <summary>Where the agents' plug-in logs are written (<c>&lt;identifier&gt;.log</c>, as Plex names them).</summary>
    public required string LogsDir { get; init; }

    /// <summary>The address to listen on. Default loopback; any other needs <see cref="Token"/>.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port to listen on. Default 32600; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The secret a caller must present (in the URL as <c>/k/&lt;token&gt;/…</c> or as <c>X-Provider-Token</c>); null for none, loopback only.</summary>
    public string? Token { get; init; }

    /// <summary>The longest one provider call may take (the agent's search or update included). Default 30 seconds.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where agent code may connect. Default <see cref="SandboxNetwork.Real"/>: the agents reach their real sites.</summary>
    public SandboxNetwork Network { get; init; } = SandboxNetwork.Real;

    /// <summary>The shim plug-in processes run. Default the provider shim shipped beside the program.</summary>
    public string? ShimPath { get; init; }

    /// <summary>Where each call is reported (method, path without any token, status, time); null for nowhere.</summary>
    public TextWriter? Journal { get; init; }

    /// <summary>The provider shim shipped beside the program.</summary>
    public static string DefaultShimPath => Path.Combine(AppContext.BaseDirectory, "python", "plexbox_provider.py");
}

using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Preflight;

namespace PlexImprove.Loop.Preflight;

/// <summary>What a pre-flight needs: the live Plug-ins folder (read only), the interpreter, the run's sites or network.</summary>
public sealed class ScratchBoxPreflightOptions
{
    /// <summary>The Plug-ins folder Plex loads; bundles are copied from it, never written to.</summary>
    public required string PluginsDir { get; init; }

    /// <summary>Finds the Python 2.7 interpreter, once, when the first pre-flight runs.</summary>
    public required Func<CancellationToken, Task<Python27Runtime>> Python { get; init; }

    /// <summary>The run's sites (a box's site map) or the real network (none given).</summary>
    public ScratchBoxOptions Box { get; init; } = new();

    /// <summary>The most failing items one pre-flight runs. Default 5.</summary>
    public int MaxItems { get; init; } = 5;

    /// <summary>Where scratch copies are made (each removed after its run). Default: the system's temporary folder.</summary>
    public string? ScratchRoot { get; init; }

    /// <summary>The most tracebacks a result keeps, and the characters of each. Defaults 3 and 2000.</summary>
    public int MaxTracebacks { get; init; } = 3;
    public int MaxTracebackChars { get; init; } = 2000;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

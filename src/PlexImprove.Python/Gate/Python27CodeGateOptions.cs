namespace PlexImprove.Python.Gate;

/// <summary>How <see cref="Python27CodeGate"/> runs its checker.</summary>
public sealed class Python27CodeGateOptions
{
    /// <summary>At most this many interpreter processes at once; 0 means one per processor core. Default 0.</summary>
    public int MaxProcesses { get; init; }

    /// <summary>How long one checker process may run. Default 120 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The checker script; null means <c>python/plex_gate.py</c> beside this assembly.</summary>
    public string? ScriptPath { get; init; }
}

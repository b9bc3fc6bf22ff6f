namespace PlexImprove.Python.Runtime;

/// <summary>What <see cref="Python27Locator"/> looks at.</summary>
public sealed class Python27LocatorOptions
{
    /// <summary>The <c>Python27:Path</c> setting; empty means not configured.</summary>
    public string? ConfiguredPath { get; init; }

    /// <summary>The <c>Python27:Home</c> setting: PYTHONHOME for the configured interpreter, when it needs one.</summary>
    public string? ConfiguredHome { get; init; }

    /// <summary>The project root holding <c>.tools/python2.7</c>; null skips the project-local candidate.</summary>
    public string? ProjectRoot { get; init; }

    /// <summary>The PATH to search; null means this process's PATH. Empty skips the PATH candidates.</summary>
    public string? SearchPath { get; init; }

    /// <summary>Plex Script Host locations to try; null means the operating system's defaults (<see cref="Python27Locator.DefaultScriptHosts"/>).</summary>
    public IReadOnlyList<InterpreterCandidate>? ScriptHosts { get; init; }

    /// <summary>
    /// The second way to provide an interpreter, as this installation and platform should do it (the provisioning
    /// script's exact command, or what to install); null prints the repository's script.
    /// </summary>
    public string? ProvisionStep { get; init; }

    /// <summary>How long a candidate may take to report its version. Default 15 s.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

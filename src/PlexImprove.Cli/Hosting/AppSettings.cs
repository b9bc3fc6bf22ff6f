namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Everything configurable, bound from appsettings.json &lt; appsettings.Local.json &lt; environment
/// (<c>PLEXIMPROVE__Section__Key</c>) &lt; command-line options. Secrets are not here: see <see cref="Secrets"/>.
/// </summary>
public sealed class AppSettings
{
    public PlexSettings Plex { get; init; } = new();
    public Python27Settings Python27 { get; init; } = new();
    public RunSettings Run { get; init; } = new();
    public GateSettings Gate { get; init; } = new();
    public TestSettings Test { get; init; } = new();
}

/// <summary>Where the Plex Media Server and its folders are.</summary>
public sealed class PlexSettings
{
    /// <summary>Base URL of the server. Default <c>http://127.0.0.1:32400</c>.</summary>
    public string Url { get; init; } = "http://127.0.0.1:32400";

    /// <summary>The <c>PMS Plugin Logs</c> folder; empty means the operating system's default location.</summary>
    public string LogsDir { get; init; } = "";

    /// <summary>The <c>Plug-ins</c> folder; empty means the operating system's default location.</summary>
    public string PluginsDir { get; init; } = "";

    /// <summary>How to restart Plex: <c>auto</c> (default), <c>plugin</c>, <c>app</c>, <c>systemd</c> or <c>manual</c>. Never sudo.</summary>
    public string RestartMethod { get; init; } = "auto";

    /// <summary>Timeout of one HTTP attempt to Plex, in seconds. Default 30.</summary>
    public double RequestTimeoutSeconds { get; init; } = 30;

    /// <summary>Retries after a connection error, timeout, 5xx or 429. Default 4.</summary>
    public int Retries { get; init; } = 4;
}

/// <summary>Which Python 2.7 checks agent code.</summary>
public sealed class Python27Settings
{
    /// <summary>An explicit interpreter; empty means discover one.</summary>
    public string Path { get; init; } = "";

    /// <summary>PYTHONHOME for the interpreter in <see cref="Path"/>, when it needs one; empty means none.</summary>
    public string Home { get; init; } = "";
}

/// <summary>Where runs keep their state.</summary>
public sealed class RunSettings
{
    /// <summary>The work folder holding <c>iteration_N/</c> folders. Default <c>work</c> under the current folder.</summary>
    public string WorkDir { get; init; } = "work";
}

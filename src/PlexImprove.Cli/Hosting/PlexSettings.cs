namespace PlexImprove.Cli.Hosting;

/// <summary>Where the Plex Media Server and its folders are.</summary>
public sealed class PlexSettings
{
    /// <summary>Base URL of the server. Default <c>http://127.0.0.1:32400</c>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:32400";

    /// <summary>The <c>PMS Plugin Logs</c> folder; empty means the operating system's default location.</summary>
    public string LogsDir { get; set; } = "";

    /// <summary>The <c>Plug-ins</c> folder; empty means the operating system's default location.</summary>
    public string PluginsDir { get; set; } = "";

    /// <summary>How to restart Plex: <c>auto</c> (default), <c>plugin</c>, <c>app</c>, <c>systemd</c> or <c>manual</c>. Never sudo.</summary>
    public string RestartMethod { get; set; } = "auto";

    /// <summary>Timeout of one HTTP attempt to Plex, in seconds. Default 30.</summary>
    public double RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a connection error, timeout, 5xx or 429. Default 4.</summary>
    public int Retries { get; set; } = 4;
}

namespace PlexImprove.Plex.Restart;

/// <summary>What to restart and how to verify it.</summary>
public sealed class RestartRequest
{
    /// <summary>The method (configuration <c>Plex:RestartMethod</c>). Default <see cref="RestartMethod.Auto"/>.</summary>
    public RestartMethod Method { get; init; } = RestartMethod.Auto;

    /// <summary>Bundle identifiers of the touched plugins (<c>com.plexapp.agents.iafd</c>); their load is verified.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>The <c>PMS Plugin Logs</c> folder for the load check; null skips it (reported as not checked).</summary>
    public string? LogsDir { get; init; }

    /// <summary>How long Plex may take to answer <c>/identity</c> again. Default 120 s.</summary>
    public TimeSpan IdentityTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a plugin may take to log <c>Started plug-in</c>. Default 60 s.</summary>
    public TimeSpan PluginStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The operating system Plex runs on. Default this machine's.</summary>
    public RestartPlatform Platform { get; init; } =
        OperatingSystem.IsMacOS() ? RestartPlatform.MacOS : OperatingSystem.IsWindows() ? RestartPlatform.Windows : RestartPlatform.Linux;
}

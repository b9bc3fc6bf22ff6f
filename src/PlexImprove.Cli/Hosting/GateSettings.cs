namespace PlexImprove.Cli.Hosting;

/// <summary>How the Python 2.7 gate (syntax check + Plex loader lint) runs.</summary>
public sealed class GateSettings
{
    /// <summary>At most this many Python 2.7 processes check files at once; 0 means one per processor core. Default 0.</summary>
    public int Processes { get; set; }

    /// <summary>How long one checker process may run before it is stopped. Default 120 s.</summary>
    public int TimeoutSeconds { get; set; } = 120;
}

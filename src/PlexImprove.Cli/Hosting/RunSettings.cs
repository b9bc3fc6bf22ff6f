namespace PlexImprove.Cli.Hosting;

/// <summary>Where runs keep their state.</summary>
public sealed class RunSettings
{
    /// <summary>The work folder holding <c>iteration_N/</c> folders. Default <c>work</c> under the current folder.</summary>
    public string WorkDir { get; set; } = "work";
}

namespace PlexImprove.Plex.Restart;

/// <summary>Runs an external command (the seam that lets tests see every command a restart would run).</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; a missing program gives exit code 127.</summary>
    Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default);
}

namespace PlexImprove.Plex.Restart;

/// <summary>How an external command ended.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}

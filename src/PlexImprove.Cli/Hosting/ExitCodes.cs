namespace PlexImprove.Cli.Hosting;

/// <summary>The exit codes every command shares (README "Exit codes").</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int WorkFailed = 1;
    public const int BadInput = 2;
    public const int NeedsUser = 3;
    public const int Cancelled = 130;
}

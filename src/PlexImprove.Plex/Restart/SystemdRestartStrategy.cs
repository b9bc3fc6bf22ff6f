namespace PlexImprove.Plex.Restart;

/// <summary>
/// <c>systemctl --no-ask-password restart plexmediaserver</c>: works only where a polkit rule lets this user
/// restart the unit; otherwise it fails at once instead of asking for a password.
/// </summary>
public sealed class SystemdRestartStrategy : IRestartStrategy
{
    public const string Unit = "plexmediaserver";

    private readonly IProcessRunner _runner;

    public SystemdRestartStrategy(IProcessRunner runner) => _runner = runner;

    public RestartMethod Method => RestartMethod.Systemd;

    public async Task<RestartAttempt> TryRestartAsync(RestartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Platform != RestartPlatform.Linux)
        {
            return new RestartAttempt(Method, false, "systemd exists only on Linux.");
        }

        var result = await _runner.RunAsync("systemctl", ["--no-ask-password", "restart", Unit], TimeSpan.FromSeconds(90), cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? new RestartAttempt(Method, true, $"systemctl restarted {Unit}.")
            : new RestartAttempt(Method, false, $"systemctl could not restart {Unit} without a password (exit {result.ExitCode}): {FirstLine(result.StandardError)}");
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}

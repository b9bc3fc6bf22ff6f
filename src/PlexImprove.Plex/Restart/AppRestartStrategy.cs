namespace PlexImprove.Plex.Restart;

/// <summary>
/// Quits and relaunches the desktop app as the user: on macOS with <c>osascript</c> (quit, wait for the process
/// to go, launch); on Windows with <c>taskkill</c> without <c>/f</c> and a start of the exe from the
/// <c>InstallFolder</c> registered under <c>HKCU\Software\Plex, Inc.\Plex Media Server</c>.
/// </summary>
public sealed class AppRestartStrategy : IRestartStrategy
{
    private const string MacApp = "Plex Media Server";
    private const string WindowsExe = "Plex Media Server.exe";
    private const string WindowsKey = @"HKCU\Software\Plex, Inc.\Plex Media Server";

    private readonly IProcessRunner _runner;
    private readonly TimeProvider _time;

    public AppRestartStrategy(IProcessRunner runner, TimeProvider time)
    {
        _runner = runner;
        _time = time;
    }

    public RestartMethod Method => RestartMethod.App;

    public Task<RestartAttempt> TryRestartAsync(RestartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Platform switch
        {
            RestartPlatform.MacOS => RestartMacAsync(cancellationToken),
            RestartPlatform.Windows => RestartWindowsAsync(cancellationToken),
            _ => Task.FromResult(new RestartAttempt(Method, false, "On Linux Plex runs as a service, not as a desktop app.")),
        };
    }

    private async Task<RestartAttempt> RestartMacAsync(CancellationToken cancellationToken)
    {
        var quit = await _runner.RunAsync("osascript", ["-e", $"tell app \"{MacApp}\" to quit"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (!quit.Succeeded)
        {
            return new RestartAttempt(Method, false, $"osascript could not quit {MacApp}: {quit.StandardError.Trim()}");
        }

        // pgrep exits 1 once no process matches.
        if (!await WaitUntilAsync(async () => (await _runner.RunAsync("pgrep", ["-x", MacApp], TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false)).ExitCode == 1, cancellationToken).ConfigureAwait(false))
        {
            return new RestartAttempt(Method, false, $"{MacApp} did not quit within 60 s.");
        }

        var launch = await _runner.RunAsync("osascript", ["-e", $"tell app \"{MacApp}\" to launch"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (!launch.Succeeded)
        {
            launch = await _runner.RunAsync("open", ["-a", MacApp], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }

        return launch.Succeeded
            ? new RestartAttempt(Method, true, $"Quit and relaunched {MacApp}.")
            : new RestartAttempt(Method, false, $"{MacApp} quit but could not be launched again: {launch.StandardError.Trim()}");
    }

    private async Task<RestartAttempt> RestartWindowsAsync(CancellationToken cancellationToken)
    {
        var folder = await _runner.RunAsync("reg", ["query", WindowsKey, "/v", "InstallFolder"], TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        string? installFolder = folder.Succeeded ? ParseRegValue(folder.StandardOutput) : null;
        if (installFolder is null)
        {
            return new RestartAttempt(Method, false, $"InstallFolder is not registered under {WindowsKey}.");
        }

        // No /f: ask the tray app to exit cleanly.
        var kill = await _runner.RunAsync("taskkill", ["/im", WindowsExe], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (!kill.Succeeded)
        {
            return new RestartAttempt(Method, false, $"taskkill could not ask {WindowsExe} to exit: {kill.StandardError.Trim()}");
        }

        if (!await WaitUntilAsync(async () => !(await _runner.RunAsync("tasklist", ["/fi", $"imagename eq {WindowsExe}", "/nh"], TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)).StandardOutput.Contains(WindowsExe, StringComparison.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false))
        {
            return new RestartAttempt(Method, false, $"{WindowsExe} did not exit within 60 s.");
        }

        string exe = installFolder.TrimEnd('\\') + "\\" + WindowsExe;
        var start = await _runner.RunAsync("cmd", ["/c", "start", "", exe], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return start.Succeeded
            ? new RestartAttempt(Method, true, $"Asked {WindowsExe} to exit and started it again from {installFolder}.")
            : new RestartAttempt(Method, false, $"{WindowsExe} exited but could not be started from {installFolder}: {start.StandardError.Trim()}");
    }

    /// <summary>The value of <c>reg query … /v InstallFolder</c> output (<c>InstallFolder    REG_SZ    C:\…</c>).</summary>
    internal static string? ParseRegValue(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("InstallFolder", StringComparison.OrdinalIgnoreCase))
            .Select(l => l.Split("REG_SZ", 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && parts[1].Length > 0)
            .Select(parts => parts[1])
            .FirstOrDefault();

    private async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        for (int i = 0; i < 120; i++)
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }
}

using System.Diagnostics;

namespace PlexImprove.Cli.Tests.TestSupport;

/// <summary>Runs the real <c>plex-improve</c> in a child process, as a user or script would, with a clean home folder.</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(string homeDir, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "plex-improve.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = homeDir,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PLEXIMPROVE_HOME"] = homeDir;
        start.Environment.Remove("PLEX_TOKEN");
        start.Environment.Remove("OPENAI_API_KEY");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliResult> RunAsync(string homeDir, params string[] args) => RunAsync(homeDir, null, args);
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary><c>plex-improve mcp --http 127.0.0.1:0</c> in a child process; the address comes from its "listening on" line.</summary>
public sealed partial class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HttpServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<HttpServerProcess> StartAsync(McpTestHome home, string? token, params string[] extraArgs)
    {
        var start = Start(home, token, ["--http", "127.0.0.1:0", .. extraArgs]);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var seen = new List<string>();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new HttpServerProcess(process, new Uri(match.Groups[1].Value));
            }
        }

        throw new InvalidOperationException("The server stopped before listening:\n" + string.Join('\n', seen));
    }

    /// <summary>Runs the command to its end (for start-up refusals): exit code and stderr.</summary>
    public static async Task<(int ExitCode, string Stderr)> RunToEndAsync(McpTestHome home, string? token, params string[] args)
    {
        using var process = Process.Start(Start(home, token, args))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Start(McpTestHome home, string? token, string[] args)
    {
        var start = home.McpProcess(args);
        if (token is not null)
        {
            start.Environment["MCP_TOKEN"] = token;
        }

        return start;
    }

    [GeneratedRegex(@"listening on (\S+)")]
    private static partial Regex ListeningLine();
}

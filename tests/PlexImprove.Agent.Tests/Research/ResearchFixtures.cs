using System.Diagnostics;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Tests.Llm;

namespace PlexImprove.Agent.Tests.Research;

/// <summary>
/// The third-party MCP server the research tests attach: <c>@modelcontextprotocol/server-everything</c>, installed by
/// <c>scripts/setup-research-fixtures.sh</c> into the git-ignored <c>.tools-npm/</c>, run with Node over stdio. Without
/// npm on the machine the tests are skipped with that reason; when npm is there but cannot install the package they fail.
/// </summary>
public static class ResearchFixtures
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static string? _entry;

    /// <summary>The server's entry script (installed on first use).</summary>
    public static async Task<string> EverythingEntryAsync()
    {
        await InstallGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_entry is not null)
            {
                return _entry;
            }

            string script = Path.Combine(RepositoryPaths.Root(), "scripts", "setup-research-fixtures.sh");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"setup-research-fixtures.sh exited {process.ExitCode}:\n{await stderr}");
            _entry = (await stdout).Trim().Split('\n')[^1];
            Assert.True(File.Exists(_entry), "The server's entry script is missing: " + _entry);
            return _entry;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>server-everything over stdio, named <c>everything</c>.</summary>
    public static async Task<ResearchServerOptions> EverythingAsync(Action<ResearchServerOptions>? configure = null)
    {
        var server = new ResearchServerOptions
        {
            Name = "everything",
            Transport = ResearchTransports.Stdio,
            Command = "node",
            Args = [await EverythingEntryAsync(), "stdio"],
            StartTimeoutSeconds = 60,
            TimeoutSeconds = 30,
        };
        configure?.Invoke(server);
        return server;
    }

    /// <summary>A server that starts and never answers: a Node process that reads nothing and writes nothing.</summary>
    public static ResearchServerOptions Hanging(int startTimeoutSeconds) => new()
    {
        Name = "hangs",
        Command = "node",
        Args = ["-e", "setInterval(function () {}, 1000)"],
        StartTimeoutSeconds = startTimeoutSeconds,
    };
}

using System.CommandLine;
using System.Diagnostics;
using ModelContextProtocol.Client;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench mcp</c>: starts <c>plex-improve mcp</c> as an MCP client would (a child process over stdio) and times
/// process start → <c>tools/list</c> answer, several times (target ≤ 1 s).
/// </summary>
public static class BenchMcpCommand
{
    private const double TargetMilliseconds = 1000;

    public static Command Create(CliContext context)
    {
        var runs = new Option<int>("--runs") { Description = "Server starts to time (default 5).", DefaultValueFactory = _ => 5 };
        var command = new Command("mcp", "Benchmark the MCP server: process start to the tools/list answer over stdio.") { runs };
        command.SetAction(context, async (parseResult, ct) =>
        {
            int n = parseResult.GetValue(runs);
            if (n is < 1 or > 100)
            {
                throw new Core.Errors.InvalidInputException("--runs must be 1-100.");
            }

            string work = Path.Combine(Path.GetTempPath(), "plex-improve-bench-mcp", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(work);
            try
            {
                // The CLI turns tiered JIT off for the aggregation hot loop; an MCP client starting the server pays for
                // that at every start, so the README's client snippet turns it back on. Both are measured.
                foreach (var (label, tiered) in new[] { ("tiered JIT on (README snippet)", (string?)"1"), ("tiered JIT off (plain start)", null) })
                {
                    var times = new List<double>();
                    int toolCount = 0;
                    for (int i = 0; i < n; i++)
                    {
                        var (elapsed, tools) = await TimeOneStartAsync(context, work, tiered, ct).ConfigureAwait(false);
                        times.Add(elapsed.TotalMilliseconds);
                        toolCount = tools;
                    }

                    times.Sort();
                    double median = times[times.Count / 2];
                    await context.Out.WriteLineAsync(
                        $"start -> tools/list, {label,-32} median {median,6:0} ms   (min {times[0]:0} ms, max {times[^1]:0} ms, {n} runs, {toolCount} tools; target <= {TargetMilliseconds:0} ms: {(median <= TargetMilliseconds ? "met" : "MISSED")})").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        });
        return command;
    }

    private static async Task<(TimeSpan Elapsed, int Tools)> TimeOneStartAsync(CliContext context, string work, string? tieredCompilation, CancellationToken cancellationToken)
    {
        var (program, prefix) = SelfCommand();
        var clock = Stopwatch.StartNew();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "bench",
            Command = program,
            Arguments = [.. prefix, "mcp", "--work", work],
            WorkingDirectory = context.HomeDir,
            EnvironmentVariables = new Dictionary<string, string?> { ["PLEXIMPROVE_HOME"] = context.HomeDir, ["DOTNET_TieredCompilation"] = tieredCompilation },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return (clock.Elapsed, tools.Count);
    }

    /// <summary>How to start this program again: the apphost itself, or <c>dotnet plex-improve.dll</c>.</summary>
    internal static (string Program, string[] Prefix) SelfCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        return string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? (process, [Path.Combine(AppContext.BaseDirectory, "plex-improve.dll")])
            : (process, []);
    }
}

using System.CommandLine;
using System.Diagnostics;
using ModelContextProtocol.Client;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench startup</c>: what a new process costs, in one run and side by side for each way of starting the program
/// (this program, the repository's launcher, a published binary): <c>--help</c>, the MCP server's start to its
/// <c>tools/list</c> answer, and <c>aggregate</c> over a synthetic corpus against <c>grep -c</c> on the same files.
/// </summary>
public static class BenchStartupCommand
{
    private const double HelpTargetSeconds = 0.3;
    private const double ToolsListTargetSeconds = 0.5;
    private const double AggregateTargetRatio = 3.0;

    public static Command Create(CliContext context)
    {
        var corpus = new SyntheticCorpus();
        var programs = new Option<string[]>("--program")
        {
            Description = "Another way to start plex-improve to time beside this one: the launcher (./plex-improve) or a published binary. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var runs = new Option<int>("--runs") { Description = "Starts timed per figure; the median is printed (default 5).", DefaultValueFactory = _ => 5 };
        var command = new Command("startup", "Benchmark start-up: --help, mcp tools/list and aggregate as new processes, against grep -c.") { programs, runs };
        corpus.AddOptionsTo(command);
        command.SetAction(context, (parseResult, cancellationToken) => corpus.RunAsync(parseResult, async (dir, size) =>
        {
            var n = parseResult.GetValue(runs);
            if (n is < 1 or > 50)
            {
                throw new InvalidInputException("--runs must be 1-50.");
            }

            var candidates = new List<StartupProgram> { StartupProgram.Self(context.HomeDir) };
            foreach (var path in parseResult.GetValue(programs) ?? [])
            {
                candidates.Add(StartupProgram.External(path));
            }

            await RunAsync(context.Out, candidates, dir, size, n, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task RunAsync(TextWriter output, List<StartupProgram> programs, string dir, int mib, int runs, CancellationToken cancellationToken)
    {
        double megabytes = SyntheticCorpus.Generate(output, dir, mib);
        var files = Directory.GetFiles(dir);
        var grep = TimeGrep(files, runs);
        await output.WriteLineAsync(grep is { } g
            ? SyntheticCorpus.Line($"grep -c ' ERROR ' over {megabytes:0} MB: {g.TotalSeconds:0.000} s (median of {runs})")
            : "grep -c ' ERROR ': not available on this machine").ConfigureAwait(false);
        await output.WriteLineAsync(SyntheticCorpus.Line($"{"program",-44} {"--help",-16} {"mcp tools/list",-16} {"aggregate",-22}")).ConfigureAwait(false);
        string work = Path.Combine(Path.GetTempPath(), "plex-improve-bench-startup", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            foreach (var program in programs)
            {
                // One unmeasured start first: the file cache holds the program for every way of starting it alike.
                program.Run(["--help"]);
                var help = Median(runs, () => program.Run(["--help"]));
                var tools = SyntheticCorpus.Median(await TimesAsync(runs, () => TimeToolsListAsync(program, work, cancellationToken)).ConfigureAwait(false));
                var json = Path.Combine(work, "metrics.json");
                var aggregate = Median(runs, () => program.Run(["aggregate", "--logs", dir, "--json", json]));
                var ratio = grep is { } gr ? aggregate.TotalSeconds / gr.TotalSeconds : double.NaN;
                await output.WriteLineAsync(SyntheticCorpus.Line(
                    $"{program.Label,-44} {Figure(help.TotalSeconds, help.TotalSeconds <= HelpTargetSeconds),-16} {Figure(tools.TotalSeconds, tools.TotalSeconds <= ToolsListTargetSeconds),-16} {aggregate.TotalSeconds:0.000} s {(double.IsNaN(ratio) ? "" : $"{ratio:0.0}× grep")}{(double.IsNaN(ratio) ? "" : ratio <= AggregateTargetRatio ? "" : " MISSED")}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync(SyntheticCorpus.Line($"{"target",-44} {$"<= {HelpTargetSeconds:0.000} s",-16} {$"<= {ToolsListTargetSeconds:0.000} s",-16} <= {AggregateTargetRatio:0.0}× grep")).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Figure(double seconds, bool met) => SyntheticCorpus.Line($"{seconds:0.000} s{(met ? "" : " MISSED")}");

    private static TimeSpan Median(int runs, Func<TimeSpan> measure) => SyntheticCorpus.Median(Enumerable.Range(0, runs).Select(_ => measure()).ToList());

    private static async Task<List<TimeSpan>> TimesAsync(int runs, Func<Task<TimeSpan>> measure)
    {
        var times = new List<TimeSpan>();
        for (int i = 0; i < runs; i++)
        {
            times.Add(await measure().ConfigureAwait(false));
        }

        return times;
    }

    private static async Task<TimeSpan> TimeToolsListAsync(StartupProgram program, string work, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "bench",
            Command = program.FileName,
            Arguments = [.. program.Prefix, "mcp", "--work", work],
            EnvironmentVariables = program.Environment,
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
        await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return clock.Elapsed;
    }

    private static TimeSpan? TimeGrep(string[] files, int runs)
    {
        try
        {
            var grep = new StartupProgram("grep", "grep", [], new Dictionary<string, string?>());
            string[] args = ["-c", " ERROR ", .. files];
            grep.Run(args);
            return Median(runs, () => grep.Run(args));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

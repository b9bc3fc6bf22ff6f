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
        var grep = Grep(Directory.GetFiles(dir));
        string work = Path.Combine(Path.GetTempPath(), "plex-improve-bench-startup", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var json = Path.Combine(work, "metrics.json");
            string[] aggregateArgs = ["aggregate", "--logs", dir, "--json", json];

            // One unmeasured start of each first: the file cache holds every program and the corpus alike.
            grep?.Invoke();
            foreach (var program in programs)
            {
                program.Run(["--help"]);
                program.Run(aggregateArgs);
            }

            // Rounds, not one program after the other: a shared machine's speed drifts by tens of percent within a
            // minute, and each program (and grep, once per program) is then timed under the same conditions.
            var figures = programs.Select(_ => new StartupFigures()).ToList();
            var grepTimes = new List<TimeSpan>();
            for (int round = 0; round < runs; round++)
            {
                for (int i = 0; i < programs.Count; i++)
                {
                    var program = programs[i];
                    figures[i].Help.Add(program.Run(["--help"]));
                    figures[i].ToolsList.Add(await TimeToolsListAsync(program, work, cancellationToken).ConfigureAwait(false));
                    var aggregate = program.Run(aggregateArgs);
                    figures[i].Aggregate.Add(aggregate);
                    if (grep?.Invoke() is { } grepped)
                    {
                        grepTimes.Add(grepped);
                        figures[i].AggregateToGrep.Add(aggregate / grepped);
                    }
                }
            }

            await output.WriteLineAsync(grep is null
                ? "grep -c ' ERROR ': not available on this machine"
                : SyntheticCorpus.Line($"grep -c ' ERROR ' over {megabytes:0} MB: {SyntheticCorpus.Median(grepTimes).TotalSeconds:0.000} s (median of {grepTimes.Count}, each timed right after an aggregate)")).ConfigureAwait(false);
            await output.WriteLineAsync(SyntheticCorpus.Line($"{"program",-44} {"--help",-16} {"mcp tools/list",-16} {"aggregate",-22}")).ConfigureAwait(false);
            for (int i = 0; i < programs.Count; i++)
            {
                var help = SyntheticCorpus.Median(figures[i].Help);
                var tools = SyntheticCorpus.Median(figures[i].ToolsList);
                var aggregate = SyntheticCorpus.Median(figures[i].Aggregate);
                string ratio = "";
                if (figures[i].AggregateToGrep.Count > 0)
                {
                    double toGrep = figures[i].AggregateToGrep.Order().ElementAt(figures[i].AggregateToGrep.Count / 2);
                    ratio = SyntheticCorpus.Line($"{toGrep:0.0}× grep{(toGrep <= AggregateTargetRatio ? "" : " MISSED")}");
                }

                await output.WriteLineAsync(SyntheticCorpus.Line(
                    $"{programs[i].Label,-44} {Figure(help.TotalSeconds, help.TotalSeconds <= HelpTargetSeconds),-16} {Figure(tools.TotalSeconds, tools.TotalSeconds <= ToolsListTargetSeconds),-16} {aggregate.TotalSeconds:0.000} s {ratio}")).ConfigureAwait(false);
            }

            await output.WriteLineAsync(SyntheticCorpus.Line($"{"target",-44} {$"<= {HelpTargetSeconds:0.000} s",-16} {$"<= {ToolsListTargetSeconds:0.000} s",-16} <= {AggregateTargetRatio:0.0}× grep")).ConfigureAwait(false);
            await output.WriteLineAsync(SyntheticCorpus.Line($"(medians of {runs} rounds; the aggregate ratio is the median of each round's aggregate over the grep timed right after it)")).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Figure(double seconds, bool met) => SyntheticCorpus.Line($"{seconds:0.000} s{(met ? "" : " MISSED")}");

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

    /// <summary><c>grep -c ' ERROR '</c> over the corpus, or null where grep cannot be started.</summary>
    private static Func<TimeSpan>? Grep(string[] files)
    {
        var grep = new StartupProgram("grep", "grep", [], new Dictionary<string, string?>());
        string[] args = ["-c", " ERROR ", .. files];
        try
        {
            grep.Run(args);
            return () => grep.Run(args);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>One program's timings, a value per round.</summary>
    private sealed class StartupFigures
    {
        public List<TimeSpan> Help { get; } = [];
        public List<TimeSpan> ToolsList { get; } = [];
        public List<TimeSpan> Aggregate { get; } = [];
        public List<double> AggregateToGrep { get; } = [];
    }
}

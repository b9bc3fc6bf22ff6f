using System.CommandLine;
using System.Diagnostics;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench aggregate</c>: generates a synthetic corpus in the real format (25 agents × 6 files), then times
/// aggregation in-process and as a fresh <c>plex-improve aggregate</c> process (start-up included), with its
/// peak working set, beside <c>grep -c ' ERROR '</c> over the same files.
/// </summary>
public static class BenchAggregateCommand
{
    public static Command Create(CliContext context)
    {
        var corpus = new SyntheticCorpus();
        var command = new Command("aggregate", "Benchmark Phase 1 aggregation on a synthetic corpus.");
        corpus.AddOptionsTo(command);
        command.SetAction(context, (parseResult, cancellationToken) => corpus.RunAsync(parseResult, (dir, size) =>
        {
            Run(context.Out, dir, size, cancellationToken);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static void Run(TextWriter output, string dir, int mib, CancellationToken cancellationToken)
    {
        double megabytes = SyntheticCorpus.Generate(output, dir, mib);
        var files = Directory.GetFiles(dir);

        var grep = TimeGrep(files);
        output.WriteLine(grep is { } g
            ? SyntheticCorpus.Line($"grep -c ' ERROR '            {g.TotalSeconds,7:0.000} s  ({megabytes / g.TotalSeconds,7:0} MB/s)")
            : "grep -c ' ERROR '            not available on this machine");

        var aggregator = new LogAggregator();
        AggregationResult? result = null;
        var inProcess = SyntheticCorpus.Median(Enumerable.Range(0, SyntheticCorpus.Runs).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            result = aggregator.Aggregate(new AggregationRequest { LogsDir = dir }, cancellationToken: cancellationToken);
            return watch.Elapsed;
        }).ToList());
        long records = result!.Metrics.Files.Sum(f => f.Records);
        output.WriteLine(SyntheticCorpus.Line($"aggregate (in process)       {inProcess.TotalSeconds,7:0.000} s  ({megabytes / inProcess.TotalSeconds,7:0} MB/s, {records / inProcess.TotalSeconds / 1e6:0.00} M records/s)"));

        var child = Enumerable.Range(0, SyntheticCorpus.Runs).Select(_ => TimeChildProcess(dir)).ToList();
        var wall = SyntheticCorpus.Median(child.Select(c => c.Wall).ToList());
        long peak = child.Max(c => c.PeakWorkingSet);
        output.WriteLine(SyntheticCorpus.Line($"aggregate (new process)      {wall.TotalSeconds,7:0.000} s  ({megabytes / wall.TotalSeconds,7:0} MB/s) wall, start-up included"));
        output.WriteLine(SyntheticCorpus.Line($"peak working set (process)   {peak / 1048576.0,7:0.0} MiB"));
        output.WriteLine(SyntheticCorpus.Line($"corpus                       {megabytes,7:0.0} MB, {records} records, {files.Length} files, {result.Metrics.Totals.Started} sessions, {result.Metrics.Signatures.Count} signatures"));
        if (grep is { } gr)
        {
            output.WriteLine(SyntheticCorpus.Line($"ratio to grep                {wall.TotalSeconds / gr.TotalSeconds,7:0.0}× (new process)"));
        }
    }

    private static TimeSpan? TimeGrep(string[] files)
    {
        try
        {
            var start = new ProcessStartInfo("grep") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(" ERROR ");
            foreach (var f in files)
            {
                start.ArgumentList.Add(f);
            }

            // One warm-up run so both tools read from the page cache.
            RunToEnd(start);
            return SyntheticCorpus.Median(Enumerable.Range(0, SyntheticCorpus.Runs).Select(_ => RunToEnd(start)).ToList());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static TimeSpan RunToEnd(ProcessStartInfo start)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return watch.Elapsed;
    }

    private static (TimeSpan Wall, long PeakWorkingSet) TimeChildProcess(string dir)
    {
        var json = Path.Combine(Path.GetTempPath(), $"plex-improve-bench-{Guid.NewGuid():N}.json");
        var processPath = Environment.ProcessPath!;
        var start = new ProcessStartInfo(processPath) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "plex-improve.dll"));
        }

        foreach (var arg in new[] { "aggregate", "--logs", dir, "--json", json })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[PeakMemoryReport.EnvironmentVariable] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var wall = watch.Elapsed;
        File.Delete(json);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"plex-improve aggregate failed during the benchmark: {errors}");
        }

        return (wall, PeakMemoryReport.Parse(errors));
    }

}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Lessons;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Logs.Synthetic;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench diagnose</c>: the playbook brain's diagnosis (Phase 1 included) on the synthetic corpus of
/// <c>bench aggregate</c>, against Phase 1 alone on the same files; the target is at most twice as long.
/// </summary>
public static class BenchDiagnoseCommand
{
    private const int Agents = 25;
    private const int FilesPerAgent = 6;
    private const int Runs = 3;

    /// <summary>The ratio the playbook must stay under.</summary>
    public const double Target = 2.0;

    public static Command Create(CliContext context)
    {
        var mib = new Option<int>("--mib") { Description = "Corpus size in MiB (default 150: a full PGMA installation).", DefaultValueFactory = _ => 150 };
        var keep = new Option<string?>("--keep") { Description = "Write the corpus to this folder and keep it (default: a temporary folder, deleted)." };
        var command = new Command("diagnose", "Benchmark the playbook diagnosis (Phase 1 included) against Phase 1 alone.") { mib, keep };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            int size = parseResult.GetValue(mib);
            if (size is < 1 or > 10_000)
            {
                throw new Core.Errors.InvalidInputException("--mib must be between 1 and 10000.");
            }

            var keepDir = parseResult.GetValue(keep);
            var dir = keepDir ?? Path.Combine(Path.GetTempPath(), $"plex-improve-bench-{Guid.NewGuid():N}");
            try
            {
                return await RunAsync(context.Out, dir, size, cancellationToken) ? ExitCodes.Ok : ExitCodes.WorkFailed;
            }
            finally
            {
                if (keepDir is null && Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<bool> RunAsync(TextWriter output, string dir, int mib, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(dir, "logs");
        var plugins = Path.Combine(dir, "Plug-ins");
        Directory.CreateDirectory(plugins);
        long bytesPerFile = mib * 1024L * 1024 / (Agents * FilesPerAgent);
        output.WriteLine($"Generating {mib} MiB: {Agents} agents × {FilesPerAgent} files of {bytesPerFile / 1024} KiB in {logs}");
        new SyntheticPluginLogs(seed: 42, start: new DateTime(2026, 2, 5, 8, 0, 0)).WriteFolder(logs, Agents, bytesPerFile);
        double megabytes = Directory.GetFiles(logs).Sum(f => new FileInfo(f).Length) / 1e6;

        var aggregator = new LogAggregator();
        var aggregateOnly = Median(Enumerable.Range(0, Runs).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            aggregator.Aggregate(new AggregationRequest { LogsDir = logs }, cancellationToken: cancellationToken);
            return watch.Elapsed;
        }).ToList());
        output.WriteLine(Line($"aggregate alone              {aggregateOnly.TotalSeconds,7:0.000} s  ({megabytes / aggregateOnly.TotalSeconds,7:0} MB/s)"));

        // The playbook without a page fetcher and without bundles: what is timed is Phase 1 plus reading each
        // failing agent's log for evidence and running every rule (rules that need code or pages say so).
        var brain = new PlaybookBrain(new PlaybookBrainOptions());
        var times = new List<(TimeSpan Total, TimeSpan Diagnosis)>();
        Agent.Diagnosis.DiagnosticReport? report = null;
        for (int run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var aggregation = aggregator.Aggregate(new AggregationRequest { LogsDir = logs }, cancellationToken: cancellationToken);
            var phase1 = watch.Elapsed;
            report = await brain.DiagnoseAsync(new DiagnosisRequest
            {
                Aggregation = aggregation,
                Digest = "",
                PluginsDir = plugins,
                LogsDir = logs,
                Lessons = LessonBook.Empty,
            }, cancellationToken);
            times.Add((watch.Elapsed, watch.Elapsed - phase1));
        }

        var total = Median(times.Select(t => t.Total).ToList());
        var diagnosis = Median(times.Select(t => t.Diagnosis).ToList());
        double ratio = total.TotalSeconds / aggregateOnly.TotalSeconds;
        output.WriteLine(Line($"playbook diagnose (Phase 1+2) {total.TotalSeconds,6:0.000} s  (of which the playbook {diagnosis.TotalSeconds:0.000} s)"));
        output.WriteLine(Line($"diagnosed                    {report!.Agents.Count} agents, {report.Fixes.Count} fixes, {report.Uncovered.Count} uncovered signatures"));
        output.WriteLine(Line($"ratio to aggregate alone     {ratio,7:0.00}× (target ≤ {Target:0.0}×): {(ratio <= Target ? "met" : "NOT met")}"));
        return ratio <= Target;
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

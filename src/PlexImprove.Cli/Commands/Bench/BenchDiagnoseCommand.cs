using System.CommandLine;
using System.Diagnostics;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Lessons;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench diagnose</c>: the playbook brain's diagnosis (Phase 1 included) on the synthetic corpus of
/// <c>bench aggregate</c>, against Phase 1 alone on the same files; the target is at most twice as long.
/// </summary>
public static class BenchDiagnoseCommand
{
    /// <summary>The ratio the playbook must stay under.</summary>
    public const double Target = 2.0;

    public static Command Create(CliContext context)
    {
        var corpus = new SyntheticCorpus();
        var command = new Command("diagnose", "Benchmark the playbook diagnosis (Phase 1 included) against Phase 1 alone.");
        corpus.AddOptionsTo(command);
        command.SetAction(context, (parseResult, cancellationToken) => corpus.RunAsync(parseResult, async (dir, size) =>
            await RunAsync(context.Out, dir, size, cancellationToken).ConfigureAwait(false) ? ExitCodes.Ok : ExitCodes.WorkFailed));
        return command;
    }

    private static async Task<bool> RunAsync(TextWriter output, string dir, int mib, CancellationToken cancellationToken)
    {
        var logs = Path.Combine(dir, "logs");
        var plugins = Path.Combine(dir, "Plug-ins");
        Directory.CreateDirectory(plugins);
        double megabytes = SyntheticCorpus.Generate(output, logs, mib);

        var aggregator = new LogAggregator();
        var aggregateOnly = SyntheticCorpus.Median(Enumerable.Range(0, SyntheticCorpus.Runs).Select(_ =>
        {
            var watch = Stopwatch.StartNew();
            aggregator.Aggregate(new AggregationRequest { LogsDir = logs }, cancellationToken: cancellationToken);
            return watch.Elapsed;
        }).ToList());
        output.WriteLine(SyntheticCorpus.Line($"aggregate alone              {aggregateOnly.TotalSeconds,7:0.000} s  ({megabytes / aggregateOnly.TotalSeconds,7:0} MB/s)"));

        // The playbook without a page fetcher and without bundles: what is timed is Phase 1 plus reading each
        // failing agent's log for evidence and running every rule (rules that need code or pages say so).
        var brain = new PlaybookBrain(new PlaybookBrainOptions());
        var times = new List<(TimeSpan Total, TimeSpan Diagnosis)>();
        Agent.Diagnosis.DiagnosticReport? report = null;
        for (int run = 0; run < SyntheticCorpus.Runs; run++)
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

        var total = SyntheticCorpus.Median(times.Select(t => t.Total).ToList());
        var diagnosis = SyntheticCorpus.Median(times.Select(t => t.Diagnosis).ToList());
        double ratio = total.TotalSeconds / aggregateOnly.TotalSeconds;
        output.WriteLine(SyntheticCorpus.Line($"playbook diagnose (Phase 1+2) {total.TotalSeconds,6:0.000} s  (of which the playbook {diagnosis.TotalSeconds:0.000} s)"));
        output.WriteLine(SyntheticCorpus.Line($"diagnosed                    {report!.Agents.Count} agents, {report.Fixes.Count} fixes, {report.Uncovered.Count} uncovered signatures"));
        output.WriteLine(SyntheticCorpus.Line($"ratio to aggregate alone     {ratio,7:0.00}× (target ≤ {Target:0.0}×): {(ratio <= Target ? "met" : "NOT met")}"));
        return ratio <= Target;
    }

}

using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Errors;
using PlexImprove.Core.IO;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Logs.Archive;

namespace PlexImprove.Cli.Commands;

/// <summary><c>aggregate</c>: Phase 1 — plugin logs into counts, sessions and error signatures.</summary>
public static class AggregateCommand
{
    private const long ProgressThresholdBytes = 50L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder, or a run folder (its archive of every log line the run read) (default: Plex:LogsDir, else this OS's Plex location)." };
        var since = new Option<string?>("--since") { Description = "Only records at or after this local time (YYYY-MM-DD HH:MM:SS)." };
        var until = new Option<string?>("--until") { Description = "Only records before this local time (YYYY-MM-DD HH:MM:SS)." };
        var agent = new Option<string[]>("--agent") { Description = "Only this agent (e.g. com.plexapp.agents.AEBN or AEBN); repeatable.", AllowMultipleArgumentsPerToken = false };
        var json = new Option<string?>("--json") { Description = "Write the metrics document (schema version 1) to this file." };
        var outFile = new Option<string?>("--out") { Description = "Write the Markdown digest to this file." };

        var command = new Command("aggregate", "Aggregate plugin logs into success rates, counters and error signatures per agent.")
        {
            logs, since, until, agent, json, outFile,
        };

        command.SetAction(context, (parseResult, cancellationToken) =>
        {
            var request = new AggregationRequest
            {
                LogsDir = PluginLogArchive.ResolveLogsDir(ResolveLogsDir(context, parseResult.GetValue(logs))),
                Since = LocalTimeOption.Parse(parseResult.GetValue(since), "--since"),
                Until = LocalTimeOption.Parse(parseResult.GetValue(until), "--until"),
                Agents = parseResult.GetValue(agent) ?? [],
            };

            var result = AggregateWithProgress(request, cancellationToken);
            RequirePluginLogs(request.LogsDir, result.Metrics);
            if (result.Metrics.Totals.Started == 0)
            {
                context.Error.WriteLine("note: " + RefreshFirst.Advice(request.LogsDir));
            }

            var jsonPath = parseResult.GetValue(json);
            var outPath = parseResult.GetValue(outFile);
            if (jsonPath is not null)
            {
                AtomicFile.WriteAllText(jsonPath, MetricsJson.Serialize(result.Metrics));
                context.Error.WriteLine($"Metrics written to {jsonPath}");
            }

            if (outPath is not null)
            {
                AtomicFile.WriteAllText(outPath, DigestWriter.Write(result.Metrics));
                context.Error.WriteLine($"Digest written to {outPath}");
            }

            if (jsonPath is null && outPath is null)
            {
                AggregateSummaryRenderer.Render(result.Metrics, context.Out);
            }

            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }

    /// <summary>The logs folder: the option, else configuration, else the operating system's default.</summary>
    public static string ResolveLogsDir(CliContext context, string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : !string.IsNullOrWhiteSpace(context.Settings.Plex.LogsDir) ? context.Settings.Plex.LogsDir
        : PlexLogLocations.DefaultPluginLogsDir(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            Environment.GetEnvironmentVariable("LOCALAPPDATA"));

    /// <summary>
    /// Bad input when not one file holds a single Framework record: random bytes or other files would otherwise
    /// give a clean "0 sessions" report. A real folder whose records hold no session still passes.
    /// </summary>
    public static void RequirePluginLogs(string logsDir, MetricsDocument metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Files.Any(f => f.Records > 0))
        {
            return;
        }

        if (Directory.Exists(logsDir) && !Directory.EnumerateFileSystemEntries(logsDir).Any())
        {
            // An empty folder: the logs of a server (or box) on which no agent has run yet.
            throw new NoSessionsYetException(RefreshFirst.Advice(logsDir));
        }

        var found = metrics.Files.Count == 0
            ? "it holds no file named like a plugin log"
            : $"none of its {metrics.Files.Count} plugin log file(s) ({string.Join(", ", metrics.Files.Take(3).Select(f => f.Name))}{(metrics.Files.Count > 3 ? ", …" : "")}) holds a Framework record";
        throw new InvalidInputException(
            $"'{Path.GetFullPath(logsDir)}' does not look like a PMS Plugin Logs folder: {found}. " +
            "Expected files like com.plexapp.agents.X.log with lines such as '2026-03-02 18:41:07,123 (7f..) :  INFO (core:349) - Starting framework core'; pass the right folder with --logs or Plex:LogsDir.");
    }

    private static AggregationResult AggregateWithProgress(AggregationRequest request, CancellationToken cancellationToken)
    {
        var aggregator = new LogAggregator();
        // The folder is listed for its size only where a bar could be shown: the aggregation lists it again.
        long totalBytes = ProgressBar.IsInteractive && Directory.Exists(request.LogsDir) ? PluginLogFolder.Open(request.LogsDir).Files.Sum(f => f.Bytes) : 0;
        if (totalBytes < ProgressThresholdBytes)
        {
            return aggregator.Aggregate(request, cancellationToken: cancellationToken);
        }

        return ProgressBar.Run("Reading plugin logs", totalBytes, progress => aggregator.Aggregate(request, progress, cancellationToken));
    }
}

using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Digest;
using PlexImprove.Core.IO;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Cli.Commands;

/// <summary><c>aggregate</c>: Phase 1 — plugin logs into counts, sessions and error signatures.</summary>
public static class AggregateCommand
{
    private const long ProgressThresholdBytes = 50L * 1024 * 1024;

    public static Command Create(CliContext context)
    {
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder (default: Plex:LogsDir, else this OS's Plex location)." };
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
                LogsDir = ResolveLogsDir(context, parseResult.GetValue(logs)),
                Since = LocalTimeOption.Parse(parseResult.GetValue(since), "--since"),
                Until = LocalTimeOption.Parse(parseResult.GetValue(until), "--until"),
                Agents = parseResult.GetValue(agent) ?? [],
            };

            var result = AggregateWithProgress(request, cancellationToken);
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

    private static AggregationResult AggregateWithProgress(AggregationRequest request, CancellationToken cancellationToken)
    {
        var aggregator = new LogAggregator();
        long totalBytes = Directory.Exists(request.LogsDir) ? PluginLogFolder.Open(request.LogsDir).Files.Sum(f => f.Bytes) : 0;
        if (totalBytes < ProgressThresholdBytes || !ProgressBar.IsInteractive)
        {
            return aggregator.Aggregate(request, cancellationToken: cancellationToken);
        }

        return ProgressBar.Run("Reading plugin logs", totalBytes, progress => aggregator.Aggregate(request, progress, cancellationToken));
    }
}

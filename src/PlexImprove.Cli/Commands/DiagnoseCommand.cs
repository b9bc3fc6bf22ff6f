using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Sites;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Errors;
using PlexImprove.Core.IO;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Logs.Archive;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>diagnose</c>: Phase 1 and Phase 2 alone. Aggregates the logs, lets the brain propose fixes, previews every
/// patch (apply + Python 2.7 gate, nothing written) and writes the report into a new <c>iteration_N</c> folder.
/// Never writes to the Plug-ins folder.
/// </summary>
public static class DiagnoseCommand
{
    public static Command Create(CliContext context)
    {
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder, or a run folder (its archive of every log line the run read) (default: Plex:LogsDir, else this OS's Plex location)." };
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder (default: Plex:PluginsDir, else this OS's Plex location); only read." };
        var since = new Option<string?>("--since") { Description = "Only log records at or after this local time (YYYY-MM-DD HH:MM:SS)." };
        var agent = new Option<string[]>("--agent") { Description = "Only this agent (e.g. com.plexapp.agents.AEBN or AEBN); repeatable." };
        var outFile = new Option<string?>("--out") { Description = "Also write the report (JSON, schema version 1) to this file." };
        var mdFile = new Option<string?>("--md") { Description = "Also write the report as Markdown to this file." };
        var brain = new Option<string?>("--brain") { Description = "llm or playbook (default: llm when Llm:Provider is set, else playbook)." };
        var endpoint = new Option<string?>("--llm-endpoint") { Description = "OpenAI-compatible API root, e.g. http://localhost:11434/v1 (overrides Llm:Endpoint)." };
        var model = new Option<string?>("--llm-model") { Description = "Model name (overrides Llm:Model; the deployment name on Azure)." };
        var work = new Option<string?>("--work") { Description = "The work folder (default: Run:WorkDir); the report goes to a new iteration_N inside." };

        var command = new Command("diagnose", "Phase 1 + Phase 2: aggregate the logs and propose fixes, each patch previewed through the Python 2.7 gate. Changes nothing.")
        {
            logs, plugins, since, agent, outFile, mdFile, brain, endpoint, model, work,
        };

        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            string logsDir = PluginLogArchive.ResolveLogsDir(AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs)));
            string pluginsDir = ChangeServices.PluginsDir(context, parseResult.GetValue(plugins));
            if (!Directory.Exists(logsDir))
            {
                throw new InvalidInputException($"The logs folder '{logsDir}' does not exist; pass --logs or set Plex:LogsDir.");
            }

            if (!Directory.Exists(pluginsDir))
            {
                throw new InvalidInputException($"The Plug-ins folder '{pluginsDir}' does not exist; pass --plugins or set Plex:PluginsDir.");
            }

            string? endpointOption = parseResult.GetValue(endpoint);
            var kind = BrainFactory.Choose(parseResult.GetValue(brain), AgentHost.ConfiguredProvider(context, endpointOption) is not null, AgentHost.NotConfigured);
            var connection = kind == BrainKind.Llm ? AgentHost.Connection(context, endpointOption, parseResult.GetValue(model)) : null;
            var lessons = AgentPaths.LoadLessons(context);
            var prompts = kind == BrainKind.Llm ? AgentPaths.LoadPrompts(context) : null;
            var workFolder = ChangeServices.Work(context, parseResult.GetValue(work));
            int iteration = workFolder.Iterations().DefaultIfEmpty(0).Max() + 1;
            string runFolder = workFolder.IterationPath(iteration);

            // Phase 1.
            var aggregation = new LogAggregator().Aggregate(new AggregationRequest
            {
                LogsDir = logsDir,
                Since = LocalTimeOption.Parse(parseResult.GetValue(since), "--since"),
                Agents = parseResult.GetValue(agent) ?? [],
                CollectSessions = true,
            }, cancellationToken: cancellationToken);
            if (aggregation.Metrics.Totals.Started == 0)
            {
                // Nothing to diagnose: "0 fixes" would read as "nothing is wrong".
                AggregateCommand.RequirePluginLogs(logsDir, aggregation.Metrics);
                throw new NoSessionsYetException(RefreshFirst.Advice(logsDir));
            }

            string digest = DigestWriter.Write(aggregation.Metrics);
            Directory.CreateDirectory(runFolder);
            AtomicFile.WriteAllText(workFolder.DigestPath(iteration), digest);
            AtomicFile.WriteAllText(workFolder.MetricsPath(iteration), MetricsJson.Serialize(aggregation.Metrics));

            using var loggerFactory = AgentLogging.Create(runFolder);
            var logger = loggerFactory.CreateLogger("PlexImprove.Diagnose");
            using var fetcher = await AgentPages.CreateAsync(context, pluginsDir, null, cancellationToken).ConfigureAwait(false);
            var request = new DiagnosisRequest
            {
                Aggregation = aggregation,
                Digest = digest,
                PluginsDir = pluginsDir,
                LogsDir = logsDir,
                Agents = AgentNames.Resolve(parseResult.GetValue(agent) ?? [], aggregation.Metrics.Agents.Keys),
                Lessons = lessons,
                Iteration = iteration,
            };

            // Phase 2.
            DiagnosticReport report;
            if (kind == BrainKind.Llm)
            {
                var tools = AgentHost.Tools(context, pluginsDir, logsDir, workFolder.FullPath, iteration, fetcher, loggerFactory.CreateLogger("PlexImprove.Tools"));
                using var kernel = AgentHost.Kernel(context, connection!, tools, WritePolicies.RefuseAll, runFolder, "llm_transcript.jsonl", loggerFactory);
                logger.LogInformation("Diagnosing with {Connection}", connection!.ToString());
                report = await BrainFactory.Llm(kernel, prompts!, TimeProvider.System, logger).DiagnoseAsync(request, cancellationToken).ConfigureAwait(false);
                context.Error.WriteLine($"LLM usage: {kernel.Budget.Describe()}");
            }
            else
            {
                report = await BrainFactory.Playbook(fetcher, TimeProvider.System).DiagnoseAsync(request, cancellationToken).ConfigureAwait(false);
            }

            // Every patch previewed: applies cleanly and passes the gate, or is marked not applicable with the reason.
            var runtime = await ChangeServices.LocatePythonAsync(context, cancellationToken).ConfigureAwait(false);
            var engine = new ChangeEngine(new PluginsRoot(pluginsDir), workFolder, ChangeServices.CreateGate(context, runtime), TimeProvider.System);
            await new DiagnosisVerifier(engine).VerifyAsync(report, iteration, cancellationToken).ConfigureAwait(false);

            var (jsonPath, markdownPath) = DiagnosticReportWriter.WriteTo(runFolder, report);
            if (parseResult.GetValue(outFile) is { } extraJson)
            {
                DiagnosticReportWriter.Write(report, extraJson, parseResult.GetValue(mdFile));
            }
            else if (parseResult.GetValue(mdFile) is { } extraMarkdown)
            {
                AtomicFile.WriteAllText(extraMarkdown, DiagnosticReportWriter.ToMarkdown(report));
            }

            WriteSummary(context.Out, report, jsonPath, markdownPath);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteSummary(TextWriter output, DiagnosticReport report, string jsonPath, string markdownPath)
    {
        int applicable = report.Fixes.Count(f => f.Verification?.Applicable == true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Diagnosis by {report.Brain}: {report.Fixes.Count} fix(es), {applicable} applicable{(report.Rejected.Count > 0 ? $", {report.Rejected.Count} rejected" : "")}; {report.Uncovered.Count} signature(s) not covered."));
        foreach (var fix in report.Fixes)
        {
            string priority = fix.Priority.ToString().ToUpperInvariant();
            string verdict = fix.Verification switch
            {
                { Applicable: true } v => $"applicable ({string.Join(", ", v.Files)})",
                { } v => "NOT applicable: " + (v.Reason ?? string.Join("; ", v.Findings)),
                null => "not verified",
            };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{priority}] {fix.Id}: {fix.Title} (confidence {fix.Confidence:0.00})"));
            output.WriteLine($"      {verdict}");
        }

        foreach (var uncovered in report.Uncovered)
        {
            output.WriteLine($"  not covered: {uncovered.SignatureId} — {uncovered.Reason}");
        }

        foreach (var rejected in report.Rejected)
        {
            output.WriteLine($"  rejected: {rejected.Id} — {rejected.Reason}");
        }

        output.WriteLine($"Report: {jsonPath}");
        output.WriteLine($"        {markdownPath}");
    }
}

using System.CommandLine;
using System.Globalization;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Statistics;
using PlexImprove.Plex.ActiveTesting;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>test</c>: Phase 4 — refresh the items that failed in the baseline (plus controls), judge each from the
/// plugin log and from Plex, compare and decide; writes <c>test_report_&lt;fix-id&gt;.md/.json</c>.
/// </summary>
public static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var fixId = new Option<string>("--fix-id") { Description = "Id of the fix under test (names the report: test_report_<fix-id>).", Required = true };
        var agent = new Option<string[]>("--agent") { Description = "An affected agent (com.plexapp.agents.NAME or NAME); repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var baseline = new Option<string>("--baseline") { Description = "The baseline metrics document (aggregate --json) the failed items come from.", Required = true };
        var items = new Option<int?>("--items") { Description = "Failed items to refresh (default Test:FailedItems, 20); Test:ControlItems controls are added." };
        var work = new Option<string?>("--work") { Description = "The work folder (default Run:WorkDir)." };
        var iteration = new Option<int?>("--iteration") { Description = "Write into <work>/iteration_<N> (default: the latest iteration, else 1)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder (default Plex:LogsDir, else the baseline's)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds one item may take (default Test:ItemTimeoutSeconds, 120)." };
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder: controls come from every agent whose files the fix changed, and --rollback-on-fail restores there (default: Plex:PluginsDir, else the OS default)." };
        var rollbackOnFail = new Option<bool>("--rollback-on-fail") { Description = "On ROLLBACK, roll the fix back and restart the plug-ins it changed (the loop always does)." };
        var url = PlexConnection.UrlOption();
        var json = PlexConnection.JsonOption();
        var command = new Command("test", "Actively test a fix: refresh the failed items and controls, judge them from the log and from Plex, decide KEEP/MONITOR/ROLLBACK.")
        {
            fixId, agent, baseline, items, work, iteration, logs, timeout, plugins, rollbackOnFail, url, json,
        };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            string id = parseResult.GetValue(fixId)!;
            TestReportWriter.FileStem(id);
            int failedItems = parseResult.GetValue(items) ?? context.Settings.Test.FailedItems;
            if (failedItems < 1 || context.Settings.Test.ControlItems < 0)
            {
                throw new InvalidInputException("--items (Test:FailedItems) must be at least 1 and Test:ControlItems 0 or more.");
            }

            var metrics = MetricsJson.Read(parseResult.GetValue(baseline)!);
            string workDir = PlexConnection.WorkDir(context, parseResult.GetValue(work));
            string iterationDir = IterationDir(workDir, parseResult.GetValue(iteration));
            string? logsDir = parseResult.GetValue(logs) is { Length: > 0 } l ? l
                : context.Settings.Plex.LogsDir is { Length: > 0 } configured ? configured
                : null;
            bool asJson = parseResult.GetValue(json);
            string pluginsDir = ChangeServices.PluginsDir(context, parseResult.GetValue(plugins));
            var fixPlugins = FixPlugins.Of(new WorkFolder(workDir), id, pluginsDir);

            var request = new ActiveTestRequest
            {
                FixId = id,
                Agents = AgentNames.Resolve(parseResult.GetValue(agent) ?? [], metrics.Agents.Keys),
                ControlAgents = fixPlugins?.Plugins ?? [],
                Baseline = metrics,
                LogsDir = logsDir,
                FailedItems = failedItems,
                ControlItems = context.Settings.Test.ControlItems,
                Refresh = PlexConnection.RefreshOptions(context, force: true, wait: true, parseResult.GetValue(timeout)),
                Thresholds = PlexConnection.Thresholds(context),
            };
            using var client = PlexConnection.CreateClient(context, parseResult.GetValue(url), workDir);
            var report = await RefreshProgressBar.RunAsync("Testing", failedItems + request.ControlItems, show: !asJson,
                progress => new ActiveTester(client).RunAsync(request, progress, cancellationToken)).ConfigureAwait(false);
            var (markdown, jsonPath) = TestReportWriter.Write(iterationDir, report);

            if (asJson)
            {
                context.Out.WriteLine(TestReportWriter.Serialize(report));
            }
            else
            {
                var c = report.Comparison;
                context.Out.WriteLine($"{report.FixId}: {c.Decision.Decision.ToString().ToUpperInvariant()}{(c.Decision.TooFewItems ? " (too few items to tell)" : "")} — {c.Decision.Reason}");
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  before {c.Before.Succeeded}/{c.Before.Items}, after {c.After.Succeeded}/{c.After.Items}; failed items repaired {c.FailedItemsRepaired.Succeeded}/{c.FailedItemsRepaired.Items}; controls held {c.ControlsHeld.Succeeded}/{c.ControlsHeld.Items}; Fisher {PValueText.Format(c.FisherPValue)}"));
                foreach (var critical in c.Critical)
                {
                    context.Out.WriteLine($"  critical {critical.Kind}: {critical.Detail}");
                }

                foreach (var signature in c.NewSignatures)
                {
                    context.Out.WriteLine($"  new error {signature.Id}: {signature.Text}");
                }

                foreach (var note in report.Notes)
                {
                    context.Error.WriteLine("note: " + note);
                }
            }

            context.Error.WriteLine($"Report written to {markdown} and {jsonPath}");
            if (report.Comparison.Decision.Decision == KeepDecision.Rollback)
            {
                var next = asJson ? context.Error : context.Out;
                if (parseResult.GetValue(rollbackOnFail))
                {
                    await RollBackAndRestartAsync(context, client, id, workDir, pluginsDir, logsDir, next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    string restart = fixPlugins is { Plugins.Count: > 0 } p
                        ? " && " + PrintedCommand.Of("restart " + string.Join(" ", p.Plugins.Select(x => "--plugin " + PrintedCommand.Quote(x))))
                        : " && " + PrintedCommand.Of("restart");
                    next.WriteLine($"The fix is still applied. Roll it back and restart the plug-in: {PrintedCommand.Of($"rollback --fix-id {PrintedCommand.Quote(id)} --work {PrintedCommand.Quote(workDir)}")}{restart}");
                    next.WriteLine("(or re-run this test with --rollback-on-fail to do both).");
                }
            }

            return ExitCodeFor(report.Comparison.Decision.Decision);
        });
        return command;
    }

    /// <summary><c>&lt;work&gt;/iteration_&lt;N&gt;</c>: the given N, else the highest existing one, else 1.</summary>
    public static string IterationDir(string workDir, int? iteration)
    {
        if (iteration is { } n)
        {
            return n < 1 ? throw new InvalidInputException("--iteration must be 1 or more.") : Path.Combine(workDir, $"iteration_{n}");
        }

        int latest = Directory.Exists(workDir)
            ? Directory.GetDirectories(workDir, "iteration_*")
                .Select(d => int.TryParse(Path.GetFileName(d)["iteration_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int k) ? k : 0)
                .DefaultIfEmpty(0)
                .Max()
            : 0;
        return Path.Combine(workDir, $"iteration_{Math.Max(1, latest)}");
    }

    /// <summary>Restores the fix from its backups and restarts the plug-ins whose files it changed, then checks they loaded.</summary>
    private static async Task RollBackAndRestartAsync(
        CliContext context, PlexClient client, string fixId, string workDir, string pluginsDir, string? logsDir, TextWriter output, CancellationToken cancellationToken)
    {
        var work = new WorkFolder(workDir);
        var restored = ChangeEngine.ForRollback(new PluginsRoot(pluginsDir), work, TimeProvider.System)
            .RollbackFix(new RollbackRequest { FixId = fixId });
        foreach (var fix in restored)
        {
            output.WriteLine($"Rolled back fix '{fix.FixId}' (iteration {fix.Iteration}): {fix.Files.Count(f => f.Action != "already_original")} file(s) restored from {fix.Backup}.");
        }

        var owners = PluginBundles.Owning(PluginBundles.Find(pluginsDir), restored.SelectMany(f => f.Files).Select(f => f.Path));
        var plan = ChangedPluginRestart.Plan(
            new RestartRequest { Method = RestartCommand.ParseMethod(context.Settings.Plex.RestartMethod), Plugins = owners, LogsDir = logsDir },
            pluginsDir,
            work);
        var result = await new PlexRestarter(client, new ProcessRunner(), new ConsoleUserPrompt(context)).RestartAsync(plan.Request, cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Restarted ({result.Method.ToString().ToLowerInvariant()}): {string.Join("; ", result.Plugins.Select(p => $"{p.Plugin} {p.Status}"))}.");
        if (result.LoadFailures.Count > 0)
        {
            throw new RestartFailedException("The restored code did not load after the rollback: " + string.Join("; ", result.LoadFailures));
        }
    }


    // A rolled-back fix is a failure of the work (exit 1); KEEP and MONITOR succeed.
    private static int ExitCodeFor(KeepDecision decision) => decision == KeepDecision.Rollback ? ExitCodes.WorkFailed : ExitCodes.Ok;
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Reports;
using PlexImprove.Loop.State;

namespace PlexImprove.Cli.Commands;

/// <summary><c>status</c>: where a run stands, from its <c>loop_state.json</c>.</summary>
public static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var work = new Option<string?>("--work") { Description = "The run folder (default Run:WorkDir)." };
        var json = PlexConnection.JsonOption();
        var command = new Command("status", "Show where a run stands: status, iteration, phase, the fix in progress, success so far, each fix's outcome.") { work, json };
        command.SetAction(context, async (parseResult, _) =>
        {
            string workDir = PlexConnection.WorkDir(context, parseResult.GetValue(work));
            var state = new LoopStateStore(workDir).Load()
                ?? throw new InvalidInputException($"There is no run in '{workDir}' (no {LoopStateStore.StateFile}). Pass the run's folder with --work.");
            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(state, LoopJson.Options)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            await context.Out.WriteAsync(Render(state, workDir)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Render(LoopState state, string workDir)
    {
        var lines = new List<string>
        {
            $"Run in {workDir}: {state.Status.ToString().ToLowerInvariant()}, iteration {state.Iteration}, phase {state.Phase.ToString().ToLowerInvariant()} ({state.Brain} brain{(state.DryRun ? ", dry run" : "")}).",
        };
        int? owner = WorkFolderLock.ReadOwner(Path.Combine(workDir, WorkFolderLock.FileName));
        if (owner is { } pid)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Locked by process {pid}."));
        }

        if (state.CurrentFix is { } fix)
        {
            lines.Add($"Current fix: {fix} ({state.CurrentStep?.ToString().ToLowerInvariant()}).");
        }

        lines.Add($"Success: baseline {Rate(state.Baseline?.Overall)}, now {Rate((state.Final ?? state.Current)?.Overall)}.");
        foreach (var f in state.Fixes)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  iteration {f.Iteration}  {f.Id,-32} {LoopCoordinator.Status(f.Status),-15}{(f.Step is FixStep.Done or FixStep.Queued ? "" : " (" + f.Step.ToString().ToLowerInvariant() + ")")}"));
        }

        if (state.ExitCondition is { } exit)
        {
            lines.Add($"Exit: {exit} — {state.ExitReason}");
        }

        if (state.Status is LoopStatus.Paused or LoopStatus.Failed)
        {
            lines.Add($"Stopped: {state.StopReason}");
            lines.Add($"Continue with: {state.ResumeCommand}");
        }

        if (state.Status == LoopStatus.Finished)
        {
            lines.Add($"Report: {Path.Combine(workDir, FinalReportWriter.FileName)}");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Rate(AgentRate? rate) => rate is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{rate.Succeeded}/{rate.Started} = {SuccessChart.Percent(rate.Rate)}");
}

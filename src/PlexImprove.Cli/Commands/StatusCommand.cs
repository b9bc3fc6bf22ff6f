using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Figures;
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
            string workDir = parseResult.GetValue(work) is { } given ? PlexConnection.WorkDir(context, given) : LatestRun(PlexConnection.WorkDir(context, null));
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
        var lockPath = Path.Combine(workDir, WorkFolderLock.FileName);
        int? owner = WorkFolderLock.ReadOwner(lockPath);
        bool stale = owner is { } dead && !WorkFolderLock.IsHeld(lockPath, dead);
        if (owner is { } pid)
        {
            lines.Add(stale
                ? string.Create(CultureInfo.InvariantCulture, $"Stale lock: process {pid}, which ran it, has ended without finishing (killed?); the next resume takes the lock over.")
                : string.Create(CultureInfo.InvariantCulture, $"Locked by process {pid}, which is running."));
        }
        else if (state.Status == LoopStatus.Running)
        {
            stale = true;
            lines.Add("No process holds the run: it stopped without finishing (killed?).");
        }

        if (state.CurrentFix is { } fix)
        {
            lines.Add($"Current fix: {fix} ({state.CurrentStep?.ToString().ToLowerInvariant()}).");
        }

        lines.Add($"Success of the targeted agents: baseline {SuccessFigures.Format(state.Baseline?.Overall)} → {(state.Final is null ? "now" : "final")} {SuccessFigures.Format(SuccessFigures.Latest(state))}.");
        lines.AddRange(SuccessFigures.Of(state).Where(f => f.Label.StartsWith("iteration", StringComparison.Ordinal)).Select(f => $"  {f.Label}: {SuccessFigures.Format(f.Rate)}"));
        foreach (var f in state.Fixes)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  iteration {f.Iteration}  {f.Id,-32} {LoopCoordinator.Status(f.Status),-15}{(f.Step is FixStep.Done or FixStep.Queued ? "" : " (" + f.Step.ToString().ToLowerInvariant() + ")")}"));
        }

        if (state.ExitCondition is { } exit)
        {
            lines.Add($"Exit: {exit} — {state.ExitReason}");
        }

        if (state.Status is LoopStatus.Paused or LoopStatus.Failed || (stale && state.Status == LoopStatus.Running))
        {
            lines.Add($"Stopped: {state.StopReason ?? "its process ended before it could say why"}");
            lines.Add($"Continue with: {state.ResumeCommand}");
        }

        if (state.Status == LoopStatus.Finished)
        {
            lines.Add($"Report: {Path.Combine(workDir, FinalReportWriter.FileName)}");
        }

        var actions = FixActions.Render(state, workDir);
        return string.Join('\n', lines) + "\n" + (actions.Length > 0 ? "\n" + actions.TrimEnd('\n') + "\n" : "");
    }

    /// <summary>
    /// Without --work: the run in <c>Run:WorkDir</c> or in one of its sub-folders (demo runs, <c>run --work work/x</c>)
    /// whose state was written last.
    /// </summary>
    public static string LatestRun(string root)
    {
        var candidates = new[] { root }.Concat(Directory.Exists(root) ? Directory.EnumerateDirectories(root) : [])
            .Select(dir => (Dir: dir, State: new FileInfo(Path.Combine(dir, LoopStateStore.StateFile))))
            .Where(c => c.State.Exists)
            .OrderByDescending(c => c.State.LastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0 ? candidates[0].Dir : root;
    }

}

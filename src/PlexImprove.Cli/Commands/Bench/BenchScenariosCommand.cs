using System.CommandLine;
using System.Globalization;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;
using PlexImprove.Loop.Benchmarks;
using PlexImprove.Loop.Coordination;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Cli.Commands.Bench;

/// <summary>
/// <c>bench scenarios</c>: every built-in scenario (or those named) run the way a user runs it — a fresh box, a judged
/// refresh of every item, the loop with the offline playbook brain, a fresh judged refresh — and held against the
/// target: at least 95% of the items matched, at most 2 iterations, at most 2 minutes of loop.
/// </summary>
public static class BenchScenariosCommand
{
    public static Command Create(CliContext context)
    {
        var scenarios = new Option<string[]>("--scenario") { Description = "A built-in scenario to run (repeatable; default: every scenario in the catalogue).", AllowMultipleArgumentsPerToken = false };
        var work = new Option<string?>("--work") { Description = "The folder for the runs, one sub-folder per scenario (default: a new <Run:WorkDir>/bench-scenarios-<time> folder)." };
        var command = new Command("scenarios", "Run the loop with the playbook brain on a fresh box of each built-in scenario and hold it against the target (>= 95% matched, <= 2 iterations, <= 2 min).")
        {
            scenarios, work,
        };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var catalog = ScenarioCatalog.Default();
            var names = Names(catalog, parseResult.GetValue(scenarios) ?? []);
            var root = parseResult.GetValue(work) is { Length: > 0 } w
                ? Path.GetFullPath(w)
                : Path.Combine(PlexConnection.WorkDir(context), "bench-scenarios-" + TimeProvider.System.GetLocalNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
            // Every run folder is checked before the first run starts, so a refusal never comes after minutes of work.
            if (names.Select(n => Path.Combine(root, n)).FirstOrDefault(d => Directory.Exists(d) && Directory.EnumerateFileSystemEntries(d).Any()) is { } busy)
            {
                throw new InvalidInputException($"'{busy}' is not empty; give bench scenarios a new --work folder.");
            }

            var python = await LoopHosting.PythonAsync(context, ct).ConfigureAwait(false);
            var target = ScenarioTarget.Default;
            var runs = new List<(ScenarioRun Run, ScenarioVerdict Verdict)>();
            foreach (var name in names)
            {
                var workDir = Path.Combine(root, name);
                await context.Error.WriteLineAsync($"Scenario {name}: a fresh box in {workDir} (playbook brain)…").ConfigureAwait(false);
                using var brain = LoopBrain.Choose(context, "playbook");
                var run = await ScenarioBenchmark.RunAsync(name, new DemoOptions
                {
                    WorkDir = workDir,
                    ScenarioRoot = catalog.Resolve(name),
                    Python = python,
                    Brain = (fetcher, pluginsDir, logsDir) => brain.Create(fetcher, pluginsDir, logsDir, workDir),
                    Exit = context.Settings.Loop.ToExitSettings(),
                    LessonsSeedPath = Path.GetFullPath(context.Settings.Loop.LessonsFile, context.HomeDir),
                    ResumeCommand = PrintedCommand.Of($"demo --resume --work {PrintedCommand.Quote(workDir)}"),
                    GateProcesses = context.Settings.Gate.Processes,
                }, ct).ConfigureAwait(false);
                var verdict = ScenarioVerdict.Judge(run, target);
                runs.Add((run, verdict));
                await context.Out.WriteAsync(ScenarioBenchRenderer.Render(run, verdict)).ConfigureAwait(false);
            }

            var failed = runs.Where(r => !r.Verdict.Passed).Select(r => r.Run.Scenario).ToList();
            await context.Out.WriteLineAsync(failed.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"All {runs.Count} scenario(s) met the target (>= {100 * target.MinMatchedShare:0.#}% matched, <= {target.MaxIterations} iterations, <= {target.MaxLoopTime.TotalMinutes:0} min).")
                : $"{failed.Count} of {runs.Count} scenario(s) MISSED the target: {string.Join(", ", failed)}.").ConfigureAwait(false);
            return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.WorkFailed;
        });
        return command;
    }

    /// <summary>The scenarios asked for (each must be in the catalogue), else every scenario the catalogue holds.</summary>
    public static IReadOnlyList<string> Names(ScenarioCatalog catalog, IReadOnlyList<string> asked)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var known = catalog.List().Select(s => s.Name).ToList();
        if (asked.Count == 0)
        {
            return known.Count > 0 ? known : throw new InvalidInputException("The scenario catalogue is empty: no scenarios/ folder beside the program.");
        }

        var unknown = asked.Where(a => !known.Contains(a, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? [.. asked.Distinct(StringComparer.Ordinal)]
            : throw new InvalidInputException($"Unknown scenario(s): {string.Join(", ", unknown)}; the catalogue holds {string.Join(", ", known)}.");
    }
}

using System.CommandLine;
using System.Globalization;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;
using PlexImprove.Loop.Coordination;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>demo</c>: the whole loop against Plex in a box — Python 2.7 provisioned if missing, the demo scenario (or another
/// built-in one, <c>--scenario</c>) copied into the work folder, a baseline, the iterations with live progress, a final
/// measurement, the summary and the report.
/// </summary>
public static class DemoCommand
{
    public const string FolderPrefix = "demo-";

    public static Command Create(CliContext context)
    {
        var work = new Option<string?>("--work") { Description = "The run folder (default: a new <Run:WorkDir>/demo-<time> folder; with --resume, the latest one)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the demo run saved in the work folder." };
        var brain = new Option<string?>("--brain") { Description = "playbook (offline rules) or llm (default: llm when Llm:Provider names one, else playbook)." };
        var json = new Option<bool>("--json") { Description = "Print the final loop state as JSON on stdout (progress still goes to stderr)." };
        var scenarioName = new Option<string>("--scenario") { Description = "The built-in scenario (sandbox list) or a scenario folder to run the loop on (default: demo). A resumed run keeps the box its folder holds.", DefaultValueFactory = _ => "demo" };
        var command = new Command("demo", "Run the whole repair loop against Plex in a box (the demo scenario, or --scenario NAME): baseline, diagnose, fix, test, learn, report.")
        {
            work, resume, brain, json, scenarioName,
        };
        command.SetAction(context, async (parseResult, ct) =>
        {
            using var loopBrain = LoopBrain.Choose(context, parseResult.GetValue(brain));
            bool resuming = parseResult.GetValue(resume);
            string workDir = WorkDir(context, parseResult.GetValue(work), resuming);
            var name = parseResult.GetValue(scenarioName) ?? "demo";
            string scenario;
            try
            {
                scenario = ScenarioCatalog.Default().Resolve(name);
            }
            catch (ScenarioManifestException e)
            {
                // An unknown name is a usage error (exit 2), as in sandbox up.
                throw new InvalidInputException(e.Message);
            }

            // The scenario is checked before Python is looked for (or provisioned): a mistyped name fails at once.
            var python = await LoopHosting.PythonAsync(context, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Demo run in {workDir} (Plex in a box, scenario {name}, {loopBrain.Kind.ToString().ToLowerInvariant()} brain).").ConfigureAwait(false);
            return await LoopHosting.RunAsync(context, workDir, parseResult.GetValue(json), () => DemoRunner.RunAsync(new DemoOptions
            {
                WorkDir = workDir,
                ScenarioRoot = scenario,
                Python = python,
                Brain = (fetcher, pluginsDir, logsDir) => loopBrain.Create(fetcher, pluginsDir, logsDir, workDir),
                Resume = resuming,
                Exit = context.Settings.Loop.ToExitSettings(),
                LessonsSeedPath = Path.GetFullPath(context.Settings.Loop.LessonsFile, context.HomeDir),
                ResumeCommand = PrintedCommand.Of($"demo --resume --work {PrintedCommand.Quote(workDir)}"),
                Observers = [new LoopProgressPrinter(context.Error)],
                GateProcesses = context.Settings.Gate.Processes,
            }, ct)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The option, else a new timestamped folder under <c>Run:WorkDir</c>, else (resuming) the latest such folder.</summary>
    public static string WorkDir(CliContext context, string? option, bool resume)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        string root = PlexConnection.WorkDir(context);
        if (resume)
        {
            var latest = Directory.Exists(root) ? Directory.GetDirectories(root, FolderPrefix + "*").Order(StringComparer.Ordinal).LastOrDefault() : null;
            return latest ?? throw new InvalidInputException($"No demo run to resume under '{root}'; start one with '{PrintedCommand.Of("demo")}'.");
        }

        return Path.Combine(root, FolderPrefix + TimeProvider.System.GetLocalNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture));
    }
}

using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs.Archive;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Cli.Commands;

/// <summary><c>run</c>: the repair loop against a Plex server, until an exit condition; resumable.</summary>
public static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder (default Plex:PluginsDir, else this OS's Plex location)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder (default Plex:LogsDir, else this OS's Plex location)." };
        var url = PlexConnection.UrlOption();
        var work = new Option<string?>("--work") { Description = "The run folder (default Run:WorkDir)." };
        var agent = new Option<string[]>("--agent") { Description = "Work only on this agent (com.plexapp.agents.NAME or NAME); repeatable.", AllowMultipleArgumentsPerToken = true };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Stop after this many iterations (default Loop:MaxIterations, 10)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Diagnose and validate every patch on a scratch copy of the bundles; never write, refresh or restart." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run saved in the work folder." };
        var brain = new Option<string?>("--brain") { Description = "playbook (offline rules) or llm (default: llm when Llm:Provider names one, else playbook)." };
        var updateLessons = new Option<bool>("--update-lessons") { Description = "At the end, merge the run's lessons into Loop:LessonsFile (lessons/lessons_learned.md)." };
        var json = PlexConnection.JsonOption();
        var command = new Command("run", "Run the repair loop against Plex: aggregate, diagnose, apply one fix at a time, test, keep or roll back, learn, until an exit condition.")
        {
            plugins, logs, url, work, agent, maxIterations, dryRun, resume, brain, updateLessons, json,
        };
        command.SetAction(context, async (parseResult, ct) =>
        {
            using var loopBrain = LoopBrain.Choose(context, parseResult.GetValue(brain));
            if (parseResult.GetValue(resume))
            {
                RefuseDemoFolder(PlexConnection.WorkDir(context, parseResult.GetValue(work)));
            }

            string pluginsDir = ChangeServices.PluginsDir(context, parseResult.GetValue(plugins));
            RequireBundles(pluginsDir);
            string logsDir = LogsDir(context, parseResult.GetValue(logs));
            string workDir = PlexConnection.WorkDir(context, parseResult.GetValue(work));
            bool isDryRun = parseResult.GetValue(dryRun);
            bool resuming = parseResult.GetValue(resume);
            var exit = context.Settings.Loop.ToExitSettings(parseResult.GetValue(maxIterations));
            exit.Validate();

            var python = await LoopHosting.PythonAsync(context, ct).ConfigureAwait(false);
            string effectivePlugins = isDryRun ? ScratchCopy(pluginsDir, workDir) : pluginsDir;
            var engine = new ChangeEngine(new PluginsRoot(effectivePlugins), new WorkFolder(workDir), ChangeServices.CreateGate(context, python), TimeProvider.System);
            var routes = await AgentPages.RoutesAsync(context, parseResult.GetValue(url), ct).ConfigureAwait(false);
            using var fetcher = AgentPages.Create(context, effectivePlugins, routes);
            using var client = isDryRun ? null : PlexConnection.CreateClient(context, parseResult.GetValue(url), workDir);
            if (client is not null && !resuming)
            {
                // Refuse early, before any state exists, when the server cannot be reached or refuses the token.
                await client.GetIdentityAsync(ct).ConfigureAwait(false);
            }

            string resumeCommand = PrintedCommand.Of($"run --resume --work {PrintedCommand.Quote(workDir)} --plugins {PrintedCommand.Quote(pluginsDir)} --logs {PrintedCommand.Quote(logsDir)}" +
                                   (parseResult.GetValue(url) is { Length: > 0 } u ? " --url " + PrintedCommand.Quote(u) : ""));
            var options = new LoopOptions
            {
                WorkDir = workDir,
                PluginsDir = effectivePlugins,
                LogsDir = logsDir,
                LogArchiveMaxBytes = context.Settings.Loop.LogArchiveMaxBytes(),
                PlexUrl = client is null ? "(dry run)" : client.Redactor.Redact(client.BaseUrl.ToString()) ?? "",
                Agents = LoopHosting.Agents(parseResult.GetValue(agent), logsDir),
                Exit = exit,
                DryRun = isDryRun,
                Resume = resuming,
                LessonsSeedPath = Path.GetFullPath(context.Settings.Loop.LessonsFile, context.HomeDir),
                UpdateLessons = parseResult.GetValue(updateLessons),
                FailedItems = context.Settings.Test.FailedItems,
                ControlItems = context.Settings.Test.ControlItems,
                RetryAfterMaxWait = TimeSpan.FromSeconds(Math.Max(0, context.Settings.Test.RetryAfterMaxWaitSeconds)),
                Refresh = PlexConnection.RefreshOptions(context),
                Thresholds = PlexConnection.Thresholds(context),
                RestartMethod = RestartCommand.ParseMethod(context.Settings.Plex.RestartMethod),
                ResumeCommand = resumeCommand,
            };
            // Pre-flight: each fix runs on a scratch copy first, on the box's sites when the server is a box.
            await using var preflight = client is null ? null : RunPreflight.Create(routes, pluginsDir, python);
            var services = new LoopServices
            {
                Preflight = preflight,
                Brain = loopBrain.Create(fetcher, effectivePlugins, RunLogs(workDir), workDir),
                Changes = engine,
                Plex = client,
                Restarter = client is null ? null : new PlexRestarter(client, new ProcessRunner(), new ConsoleUserPrompt(context)),
                Observers = [new LoopProgressPrinter(context.Error)],
            };
            return await LoopHosting.RunAsync(context, workDir, parseResult.GetValue(json), () => new LoopCoordinator(options, services).RunAsync(ct)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>A Plug-ins folder must hold at least one <c>*.bundle</c> folder.</summary>
    public static void RequireBundles(string pluginsDir)
    {
        if (!Directory.Exists(pluginsDir) || Directory.GetDirectories(pluginsDir, "*.bundle").Length == 0)
        {
            throw new InvalidInputException(
                $"'{pluginsDir}' is not a Plex Plug-ins folder: expected a folder holding agent bundles such as 'AEBN.bundle/Contents/Code/__init__.py'. Pass --plugins or set Plex:PluginsDir.");
        }
    }

    /// <summary>The logs the brain's tools read: the run's archive, which keeps lines Plex's rotation drops.</summary>
    private static string RunLogs(string workDir)
    {
        var archive = PluginLogArchive.FolderOf(workDir);
        Directory.CreateDirectory(archive);
        return archive;
    }

    private static string LogsDir(CliContext context, string? option)
    {
        string dir = AggregateCommand.ResolveLogsDir(context, option);
        return Directory.Exists(dir)
            ? Path.GetFullPath(dir)
            : throw new InvalidInputException($"The plugin logs folder '{dir}' does not exist: expected the 'PMS Plugin Logs' folder with com.plexapp.agents.*.log files. Pass --logs or set Plex:LogsDir.");
    }

    /// <summary>A dry run's bundles: a copy under <c>&lt;work&gt;/dry_run/Plug-ins</c>, refreshed from the real folder each time.</summary>
    private static string ScratchCopy(string pluginsDir, string workDir)
    {
        var scratch = Path.Combine(workDir, "dry_run", "Plug-ins");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(pluginsDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(scratch, Path.GetRelativePath(pluginsDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return scratch;
    }

    /// <summary>A demo's folder holds its own box, which only <c>demo --resume</c> starts again: say so (exit 2).</summary>
    private static void RefuseDemoFolder(string workDir)
    {
        if (Directory.Exists(Path.Combine(workDir, DemoRunner.SandboxFolder)) && File.Exists(Path.Combine(workDir, LoopStateStore.StateFile)))
        {
            throw new InvalidInputException(
                $"'{workDir}' is a demo run: its Plex in a box starts again only with the demo. Continue it with: {PrintedCommand.Of("demo --resume --work " + PrintedCommand.Quote(workDir))}");
        }
    }
}

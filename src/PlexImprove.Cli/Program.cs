using System.CommandLine;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Core.Errors;

// An aggregate spends most of its life in a few methods compiled at their first call: compile them on the idle core now.
if (args.Length > 0 && args[0] == "aggregate")
{
    PlexImprove.Core.Metrics.AggregationWarmUp.Start();
}

// Printed commands start the way the user started the program (./plex-improve, plex-improve on PATH, the binary).
LaunchDetection.Apply();

// The launcher points PLEXIMPROVE_HOME at the repository root; an installed program reads its shipped files from its
// own folder and the user's from the config folder and the current folder (see InstallLayout).
var layout = InstallLayout.FromEnvironment();
CliContext context;
try
{
    context = CliContext.Load(layout);
}
catch (Exception e) when (e is InvalidDataException or FormatException or IOException or PlexImproveException)
{
    Console.Error.WriteLine($"error: the configuration cannot be read: {e.Message} ('{layout.HomeDir}'{(layout.ConfigDir is null ? "" : $", '{layout.ConfigDir}'")}; doctor lists every file read).");
    return ExitCodes.BadInput;
}

var root = new RootCommand("PlexImproveAgent: finds why Plex legacy metadata agents fail, and repairs them one tested fix at a time.");
var progress = new Option<bool>("--progress") { Recursive = true, Description = "Show progress and retries on stderr even when it is not a terminal." };
root.Options.Add(progress);
foreach (var command in CommandCatalog.Create(context))
{
    root.Subcommands.Add(command);
}

var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCodes.BadInput;
}

PlexImprove.Cli.Rendering.ProgressBar.Forced = parseResult.GetValue(progress);
var exitCode = await parseResult.InvokeAsync().ConfigureAwait(false);
PeakMemoryReport.WriteIfRequested();
return exitCode;

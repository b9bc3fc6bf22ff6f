using System.CommandLine;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;

// Printed commands start the way the user started the program (./plex-improve, or plex-improve on PATH).
LaunchDetection.Apply();

// The launcher points PLEXIMPROVE_HOME at the repository root so appsettings.json and .env are found
// wherever the user runs from.
var home = Environment.GetEnvironmentVariable("PLEXIMPROVE_HOME") is { Length: > 0 } h ? h : Directory.GetCurrentDirectory();
CliContext context;
try
{
    context = CliContext.Load(home);
}
catch (Exception e) when (e is InvalidDataException or FormatException or IOException or PlexImproveException)
{
    Console.Error.WriteLine($"error: the configuration in '{home}' cannot be read: {e.Message}");
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

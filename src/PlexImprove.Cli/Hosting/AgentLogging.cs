using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace PlexImprove.Cli.Hosting;

/// <summary>
/// Logging of the agent host through Serilog: warnings and errors on stderr (stdout stays the command's output),
/// everything from Information up in <c>plex-improve.log</c> in the run folder. Messages never carry secrets:
/// the code logs names, counts and paths only.
/// </summary>
public static class AgentLogging
{
    public const string FileName = "plex-improve.log";

    public static ILoggerFactory Create(string? runFolder)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .WriteTo.Console(
                restrictedToMinimumLevel: LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Level:u3}: {Message:lj}{NewLine}");
        if (runFolder is not null)
        {
            Directory.CreateDirectory(runFolder);
            configuration = configuration.WriteTo.File(
                Path.Combine(runFolder, FileName),
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }

        return new SerilogLoggerFactory(configuration.CreateLogger(), dispose: true);
    }
}

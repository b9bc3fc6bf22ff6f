using System.CommandLine;
using PlexImprove.Cli.Commands.Bench;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands;

/// <summary><c>bench</c>: benchmarks that print figures (speed and memory targets are measured here, not in tests).</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Run a benchmark and print its figures.");
        command.Subcommands.Add(BenchGateCommand.Create(context));
        command.Subcommands.Add(BenchAggregateCommand.Create(context));
        command.Subcommands.Add(BenchDiagnoseCommand.Create(context));
        command.Subcommands.Add(BenchRefreshCommand.Create(context));
        command.Subcommands.Add(BenchSandboxCommand.Create(context));
        command.Subcommands.Add(BenchMcpCommand.Create(context));
        command.Subcommands.Add(BenchPreflightCommand.Create(context));
        command.Subcommands.Add(BenchStartupCommand.Create(context));
        command.Subcommands.Add(BenchScenariosCommand.Create(context));
        command.Subcommands.Add(BenchProvideCommand.Create(context));
        return command;
    }
}

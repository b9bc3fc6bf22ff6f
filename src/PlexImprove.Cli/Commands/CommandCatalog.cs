using System.CommandLine;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands;

/// <summary>Every top-level verb, in the order <c>--help</c> lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        DemoCommand.Create(context),
        RunCommand.Create(context),
        StatusCommand.Create(context),
        AggregateCommand.Create(context),
        DiagnoseCommand.Create(context),
        CheckCommand.Create(context),
        ApplyCommand.Create(context),
        RollbackCommand.Create(context),
        BackupsCommand.Create(context),
        TestCommand.Create(context),
        RefreshCommand.Create(context),
        RestartCommand.Create(context),
        PlexCommand.Create(context),
        ChatCommand.Create(context),
        PromptsCommand.Create(context),
        McpCommand.Create(context),
        ResearchCommand.Create(context),
        SandboxCommand.Create(context),
        ProvideCommand.Create(context),
        DoctorCommand.Create(context),
        BenchCommand.Create(context),
    ];
}

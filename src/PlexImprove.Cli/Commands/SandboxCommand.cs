using System.CommandLine;
using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Cli.Commands;

/// <summary><c>sandbox</c>: "Plex in a box" — an emulated server running real agent bundles against fake sites.</summary>
public static class SandboxCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sandbox", "Run Plex in a box: an emulated Plex Media Server that runs real Python 2.7 agent bundles against fake metadata sites.");
        command.Subcommands.Add(CreateUp(context));
        command.Subcommands.Add(CreateList(context));
        return command;
    }

    private static Command CreateUp(CliContext context)
    {
        var scenario = new Option<string>("--scenario") { Description = "A built-in scenario name (see 'sandbox list') or a scenario folder.", DefaultValueFactory = _ => "demo" };
        var dir = new Option<string?>("--dir") { Description = "Run folder to copy the scenario into (default: a new temporary folder). A folder that already holds a scenario is reused as it is." };
        var port = new Option<int>("--port") { Description = "Loopback port of the emulated server; 0 picks a free one.", DefaultValueFactory = _ => SandboxOptions.DefaultPort };
        var token = new Option<string?>("--token") { Description = "Token clients must send (default: a random one)." };
        var json = new Option<bool>("--json") { Description = "Print the connection details as one JSON line." };
        var command = new Command("up", "Start the sandbox and keep it running until Ctrl+C or SIGTERM.") { scenario, dir, port, token, json };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var portValue = parseResult.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                throw new InvalidInputException($"--port {portValue} is not a port number (0-65535).");
            }

            var root = ScenarioCatalog.Default().Resolve(parseResult.GetValue(scenario)!);
            var options = new SandboxOptions { ScenarioRoot = root, Dir = parseResult.GetValue(dir), Port = portValue, Token = parseResult.GetValue(token) };
            var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
            await using var sandbox = await SandboxHost.StartAsync(options, python, TimeProvider.System, ct).ConfigureAwait(false);
            var connection = sandbox.Connection;
            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(connection)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"""
                    Plex in a box is running ({Path.GetFileName(root)} scenario).
                      url         {connection.Url}
                      token       {connection.Token}
                      pluginsDir  {connection.PluginsDir}
                      logsDir     {connection.LogsDir}
                      dir         {connection.Dir}
                    Press Ctrl+C to stop.
                    """).ConfigureAwait(false);
            }

            await context.Out.FlushAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync("Stopping the sandbox...").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "List the built-in scenarios.");
        command.SetAction(context, async (_, _) =>
        {
            foreach (var (name, description) in ScenarioCatalog.Default().List())
            {
                await context.Out.WriteLineAsync($"{name,-10} {description}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

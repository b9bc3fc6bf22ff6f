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
        var plugins = new Option<string?>("--plugins") { Description = "Run your own agents: a Plug-ins folder whose bundles are copied into the box (one library section per agent) instead of a scenario." };
        var logs = new Option<string?>("--logs") { Description = "With --plugins: a plugin logs folder; the items are the files your agents' sessions worked on (default: a few synthetic items)." };
        var network = new Option<string>("--network") { Description = "fake (default): agent code reaches only the scenario's sites, anything else is refused and logged; real: your agents reach the real sites.", DefaultValueFactory = _ => "fake" };
        var dir = new Option<string?>("--dir") { Description = "Run folder to copy the scenario into (default: a new temporary folder). A folder that already holds a scenario is reused as it is." };
        var port = new Option<int>("--port") { Description = "Loopback port of the emulated server; 0 picks a free one.", DefaultValueFactory = _ => SandboxOptions.DefaultPort };
        var token = new Option<string?>("--token") { Description = "Token clients must send (default: a random one)." };
        var json = new Option<bool>("--json") { Description = "Print the connection details as one JSON line." };
        var envFile = new Option<string?>("--env-file") { Description = "Also write the connection as a .env-style file (Plex:Url, PLEX_TOKEN, Plug-ins and logs folders of the box)." };
        var command = new Command("up", "Start the sandbox and keep it running until Ctrl+C or SIGTERM.") { scenario, plugins, logs, network, dir, port, token, json, envFile };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var portValue = parseResult.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                throw new InvalidInputException($"--port {portValue} is not a port number (0-65535).");
            }

            var networkMode = parseResult.GetValue(network) switch
            {
                "fake" => SandboxNetwork.Fake,
                "real" => SandboxNetwork.Real,
                var other => throw new InvalidInputException($"--network '{other}' is not a network mode: use fake or real."),
            };
            var pluginsDir = parseResult.GetValue(plugins);
            var logsDir = parseResult.GetValue(logs);
            if (logsDir is not null && pluginsDir is null)
            {
                throw new InvalidInputException("--logs is used with --plugins (the logs of the agents in that Plug-ins folder).");
            }

            if (pluginsDir is not null && parseResult.GetResult(scenario) is { Implicit: false })
            {
                throw new InvalidInputException("Give either --scenario or --plugins, not both.");
            }

            var envPath = parseResult.GetValue(envFile);
            if (envPath is not null)
            {
                EnvFile.EnsureWritable(envPath);
            }

            string root;
            try
            {
                root = pluginsDir is null
                    ? ScenarioCatalog.Default().Resolve(parseResult.GetValue(scenario)!)
                    : PluginsScenarioBuilder.Build(Path.GetFullPath(pluginsDir), logsDir is null ? null : Path.GetFullPath(logsDir), Path.GetTempPath());
            }
            catch (ScenarioManifestException e)
            {
                throw new InvalidInputException(e.Message);
            }

            var options = new SandboxOptions
            {
                ScenarioRoot = root, Dir = parseResult.GetValue(dir), Port = portValue, Token = parseResult.GetValue(token), Network = networkMode,
            };
            var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
            SandboxHost sandboxHost;
            try
            {
                sandboxHost = await SandboxHost.StartAsync(options, python, TimeProvider.System, ct).ConfigureAwait(false);
            }
            finally
            {
                if (pluginsDir is not null)
                {
                    // The scenario built from the Plug-ins folder has been copied into the run folder.
                    PluginsScenarioBuilder.Remove(root);
                }
            }

            await using var sandbox = sandboxHost;
            var connection = sandbox.Connection;
            if (envPath is not null)
            {
                await EnvFile.WriteAsync(envPath, connection, ct).ConfigureAwait(false);
            }

            if (parseResult.GetValue(json))
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(connection)).ConfigureAwait(false);
            }
            else
            {
                var sites = connection.Sites.Count == 0 ? "(none)" : string.Join(", ", connection.Sites.Select(kv => $"{kv.Key} -> {kv.Value}"));
                // Only a box that serves sections through its own provider ("provider": "self") has this line.
                var providers = connection.Providers.Count == 0 ? "" : Environment.NewLine + "  providers   " + string.Join(", ", connection.Providers.Select(kv => $"section {kv.Key} -> {kv.Value}"));
                await context.Out.WriteLineAsync($"""
                    Plex in a box is running ({(pluginsDir is null ? Path.GetFileName(root) + " scenario" : "your Plug-ins: " + pluginsDir)}; network {parseResult.GetValue(network)}).
                      url         {connection.Url}
                      token       {connection.Token}
                      pluginsDir  {connection.PluginsDir}
                      logsDir     {connection.LogsDir}
                      dir         {connection.Dir}
                      sites       {sites}{providers}
                    To point plex-improve at the box in another shell:
                      {EnvFile.ExportLine(connection)}
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
            var scenarios = ScenarioCatalog.Default().List();
            int width = scenarios.Count == 0 ? 0 : scenarios.Max(s => s.Name.Length);
            foreach (var (name, description) in scenarios)
            {
                await context.Out.WriteLineAsync($"{name.PadRight(width)}  {description}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

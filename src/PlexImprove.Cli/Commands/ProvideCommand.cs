using System.CommandLine;
using System.Net;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Sandbox.Providers;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>provide</c>: serves every loadable legacy agent of a Plug-ins folder as a Plex 1.43 Custom Metadata Provider,
/// running its own search and update in the box's plug-in runtime, so the agent outlives Plex's legacy agent system.
/// </summary>
public static class ProvideCommand
{
    /// <summary>The environment variable a provider token may come from (a token on the command line would show in process lists).</summary>
    public const string TokenVariable = "PLEX_IMPROVE_PROVIDER_TOKEN";

    public static Command Create(CliContext context)
    {
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder whose agents are served, in place (default: Plex:PluginsDir, else the OS default)." };
        var logs = new Option<string?>("--logs") { Description = "Where the agents' plug-in logs go, as Plex names them (default: Plex:LogsDir, else this OS's 'PMS Plugin Logs'), so aggregate/diagnose/run read them." };
        var listen = new Option<string>("--listen") { Description = "Address to listen on (default 127.0.0.1). Any other address needs a token.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on; 0 picks a free one.", DefaultValueFactory = _ => ProviderOptions.DefaultPort };
        var tokenFile = new Option<string?>("--token-file") { Description = $"A file holding the token callers must present (or set {TokenVariable}). Required when not listening on loopback." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one match or metadata call may take, the agent's own work included.", DefaultValueFactory = _ => 30 };
        var network = new Option<string>("--network") { Description = "real (default): the agents reach their real sites; fake: every outside connection is refused and logged (a dry run).", DefaultValueFactory = _ => "real" };
        var command = new Command("provide", "Serve your legacy agents as Plex 1.43+ Custom Metadata Providers (one per agent at http://HOST:PORT/<agent>), until Ctrl+C or SIGTERM.")
        {
            plugins, logs, listen, port, tokenFile, timeout, network,
        };
        command.SetAction(context, async (parseResult, ct) =>
        {
            var portValue = parseResult.GetValue(port);
            var seconds = parseResult.GetValue(timeout);
            var options = new ProviderOptions
            {
                PluginsDir = Path.GetFullPath(ChangeServices.PluginsDir(context, parseResult.GetValue(plugins))),
                LogsDir = Path.GetFullPath(AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs))),
                Address = ParseAddress(parseResult.GetValue(listen)!),
                Port = portValue is >= 0 and <= 65535 ? portValue : throw new InvalidInputException($"--port {portValue} is not a port number (0-65535)."),
                Token = ReadToken(parseResult.GetValue(tokenFile)),
                CallTimeout = seconds is >= 1 and <= 600 ? TimeSpan.FromSeconds(seconds) : throw new InvalidInputException($"--timeout {seconds} must be 1-600 seconds."),
                Network = parseResult.GetValue(network) switch
                {
                    "real" => SandboxNetwork.Real,
                    "fake" => SandboxNetwork.Fake,
                    var other => throw new InvalidInputException($"--network '{other}' is not a network mode: use real or fake."),
                },
                Journal = context.Error,
            };
            var python = await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
            await using var host = await ProviderHost.StartAsync(options, python, TimeProvider.System, ct).ConfigureAwait(false);
            var shown = options.Address.Equals(IPAddress.Any) || options.Address.Equals(IPAddress.IPv6Any) ? "THIS-MACHINE" : options.Address.ToString();
            var prefix = options.Token is null ? "" : "/k/$TOKEN";
            await context.Out.WriteLineAsync($"Serving {host.Catalog.Agents.Count} agent(s) from {options.PluginsDir} as Custom Metadata Providers (plug-in logs: {options.LogsDir}; network {parseResult.GetValue(network)}).").ConfigureAwait(false);
            foreach (var agent in host.Catalog.Agents)
            {
                await context.Out.WriteLineAsync($"  {agent.Identifier,-45} http://{shown}:{host.Server.Port}{prefix}/{agent.ShortName}  ({agent.Kind}, {agent.Bundle.Identifier})").ConfigureAwait(false);
            }

            foreach (var skipped in host.Catalog.Skipped)
            {
                await context.Out.WriteLineAsync($"  not served: {skipped}").ConfigureAwait(false);
            }

            if (host.Catalog.Agents.Count == 0)
            {
                await context.Error.WriteLineAsync($"error: no agent of {options.PluginsDir} can be served (see 'not served' above).").ConfigureAwait(false);
                return ExitCodes.WorkFailed;
            }

            await context.Out.WriteLineAsync("Add a URL above in Plex: Settings > Metadata Agents > Add Provider. Press Ctrl+C to stop.").ConfigureAwait(false);
            await context.Out.FlushAsync(ct).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await context.Error.WriteLineAsync("Stopping the providers...").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static IPAddress ParseAddress(string text) =>
        text.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(text, out var address) ? address
        : throw new InvalidInputException($"--listen '{text}' is not an IP address (e.g. 127.0.0.1, 0.0.0.0).");

    private static string? ReadToken(string? file)
    {
        string? token;
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new InvalidInputException($"--token-file '{file}' does not exist.");
            }

            token = File.ReadAllText(file).Trim();
        }
        else
        {
            token = Environment.GetEnvironmentVariable(TokenVariable)?.Trim();
        }

        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            ? token
            : throw new InvalidInputException("The provider token may hold only letters, digits and - _ . ~ (it travels in the URL).");
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PlexImprove.Agent.Research;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>research list|call</c>: checks the research MCP servers of <c>Research:Servers</c> before a run. <c>list</c>
/// connects to each (in parallel) and shows its state and tools; <c>call</c> runs one tool and prints its result.
/// </summary>
public static class ResearchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("research", "Check the research MCP servers (Research:Servers) the diagnosis and chat may use: list them with their tools, or call one tool.");
        command.Subcommands.Add(CreateList(context));
        command.Subcommands.Add(CreateCall(context));
        return command;
    }

    private static Command CreateList(CliContext context)
    {
        var command = new Command("list", "Connect to every configured research server and show its state, phases and tools (attached and withheld). Exit 0 even when a server fails: its line says why.");
        command.SetAction(context, async (_, cancellationToken) =>
        {
            var connector = AgentHost.Research(context, null);
            var servers = connector.Options.Servers;
            if (servers.Count == 0)
            {
                await context.Out.WriteLineAsync("No research servers are configured. Add Research:Servers to appsettings.Local.json (see README, 'Research servers').").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var checks = servers.Select(async s =>
            {
                try
                {
                    return (Server: s, Connection: await connector.ConnectAsync(s, cancellationToken).ConfigureAwait(false), Error: (string?)null);
                }
                catch (ResearchServerUnavailableException e)
                {
                    return (Server: s, Connection: (ResearchConnection?)null, Error: e.Message);
                }
            }).ToList();
            foreach (var (server, connection, error) in await Task.WhenAll(checks).ConfigureAwait(false))
            {
                string where = server.Transport == ResearchTransports.Http ? server.Url ?? "" : server.Command ?? "";
                string phases = string.Join(", ", ResearchServerValidator.PhasesOf(server));
                if (connection is null)
                {
                    await context.Out.WriteLineAsync($"{server.Name} ({server.Transport} {where}; phases {phases}): FAILED — {error}").ConfigureAwait(false);
                    continue;
                }

                await using (connection.ConfigureAwait(false))
                {
                    await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{server.Name} ({server.Transport} {where}; phases {phases}; timeout {server.TimeoutSeconds} s): connected, {connection.Tools.Count} tool(s) attached, {connection.Withheld.Count} withheld")).ConfigureAwait(false);
                    foreach (var tool in connection.Tools)
                    {
                        await context.Out.WriteLineAsync($"  {tool.Name}: {FirstSentence(tool.ToolDescription)}").ConfigureAwait(false);
                    }

                    foreach (var (tool, reason) in connection.Withheld)
                    {
                        await context.Out.WriteLineAsync($"  (withheld) {tool}: {reason}").ConfigureAwait(false);
                    }
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCall(CliContext context)
    {
        var serverArgument = new Argument<string>("server") { Description = "The server's Name in Research:Servers." };
        var toolArgument = new Argument<string>("tool") { Description = "The tool, by the server's name for it (echo) or as the model sees it (everything_echo)." };
        var args = new Option<string[]>("--arg") { Description = "An argument as NAME=VALUE; VALUE is read as JSON when it parses (42, true, [1,2]), else as text. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("call", "Call one tool of a research server and print its result: exit 0 ok, 1 the tool returned an error, 2 the server or tool cannot be used.")
        {
            serverArgument, toolArgument, args,
        };
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var connector = AgentHost.Research(context, null);
            string name = parseResult.GetValue(serverArgument)!;
            var server = connector.Find(name) ?? throw new InvalidInputException(
                $"No research server is named '{name}'. Configured: {(connector.Options.Servers.Count == 0 ? "none" : string.Join(", ", connector.Options.Servers.Select(s => s.Name)))}.");
            var arguments = ParseArguments(parseResult.GetValue(args) ?? []);

            // An unreachable server is a ResearchServerUnavailableException: exit 2 with its name.
            await using var connection = await connector.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
            string toolName = parseResult.GetValue(toolArgument)!;
            var tool = connection.Tools.FirstOrDefault(t => t.ToolName == toolName || t.Name == toolName);
            if (tool is null)
            {
                string why = connection.Withheld.FirstOrDefault(w => w.Tool == toolName) is { Tool: not null } withheld
                    ? $"it is withheld ({withheld.Reason})"
                    : $"the server lists no such tool; attached: {string.Join(", ", connection.Tools.Select(t => t.ToolName))}";
                throw new InvalidInputException($"Research server '{server.Name}' cannot run '{toolName}': {why}.");
            }

            var (text, failed) = await tool.CallWithOutcomeAsync(arguments, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(text).ConfigureAwait(false);
            return failed ? ExitCodes.WorkFailed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>NAME=VALUE</c> pairs; a value that parses as JSON is passed as JSON, else as text.</summary>
    internal static Dictionary<string, object?> ParseArguments(IEnumerable<string> pairs)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidInputException($"--arg '{pair}' is not NAME=VALUE (e.g. --arg message=hello).");
            }

            string value = pair[(equals + 1)..];
            arguments[pair[..equals]] = TryJson(value) ?? (object)value;
        }

        return arguments;
    }

    private static JsonElement? TryJson(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.String ? null : document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FirstSentence(string description)
    {
        int end = description.IndexOf(". ", StringComparison.Ordinal);
        string first = end < 0 ? description : description[..(end + 1)];
        return first.ReplaceLineEndings(" ");
    }
}

using System.CommandLine;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;
using PlexImprove.Agent.Sites;
using PlexImprove.Agent.Tools;
using PlexImprove.Cli.Hosting;
using PlexImprove.Core.Redaction;
using PlexImprove.Mcp.Hosting;
using PlexImprove.Mcp.Prompts;
using PlexImprove.Plex.Client;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>mcp</c>: serves the tool registry, the phase prompts and the run reports to MCP clients, over stdio (stdout is
/// protocol only) or over Streamable HTTP with <c>--http</c>.
/// </summary>
public static class McpCommand
{
    public static Command Create(CliContext context)
    {
        var allowWrites = new Option<bool>("--allow-writes") { Description = "Let clients run the writers (apply_patch, rollback_fix, restart_plex, plex_refresh_items); default: Mcp:AllowWrites, false." };
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder the code tools are confined to (default: Plex:PluginsDir, else the OS default)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder (default: Plex:LogsDir, else the OS default)." };
        var work = new Option<string?>("--work") { Description = "The work folder holding iteration_N/, served as resources (default: Run:WorkDir)." };
        var url = new Option<string?>("--url") { Description = "Plex Media Server address (default: Plex:Url); the Plex tools need PLEX_TOKEN too." };
        var http = new Option<string?>("--http") { Description = "Serve Streamable HTTP on HOST:PORT (e.g. 127.0.0.1:8765) at /mcp instead of stdio; needs MCP_TOKEN unless --no-auth." };
        var noAuth = new Option<bool>("--no-auth") { Description = "With --http on a loopback address: accept requests without a bearer token." };
        var command = new Command("mcp", "Serve the repair tools, the phase prompts and the run reports to MCP clients (Claude Desktop, VS Code, Cursor …).");
        foreach (var option in new Option[] { allowWrites, plugins, logs, work, url, http, noAuth })
        {
            command.Options.Add(option);
        }

        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var endpoint = parseResult.GetValue(http) is { } address ? McpHttpEndpoint.Parse(address) : null;
            if (endpoint is null)
            {
                // stdout is the protocol: any stray console write (ours or a library's) goes to stderr instead.
                Console.SetOut(Console.Error);
            }
            else
            {
                McpHttpHost.Validate(endpoint, context.Secrets.McpToken, parseResult.GetValue(noAuth));
            }

            string workDir = PlexConnection.WorkDir(context, parseResult.GetValue(work));
            string pluginsDir = ChangeServices.PluginsDir(context, parseResult.GetValue(plugins));

            // Plex is asked for the box's site routes while the tools are built: a client waits for both before its first answer.
            var pendingFetcher = AgentPages.CreateAsync(context, pluginsDir, parseResult.GetValue(url), cancellationToken);
            using var toolLogging = AgentLogging.Create(null);
            McpServeOptions options;
            try
            {
                options = CreateOptions(context, toolLogging.CreateLogger("PlexImprove.Tools"), new McpCommandPaths(
                    pluginsDir,
                    Path.GetFullPath(AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs))),
                    workDir,
                    parseResult.GetValue(url)), new PendingPageFetcher(pendingFetcher), parseResult.GetValue(allowWrites) || context.Settings.Mcp.AllowWrites);
            }
            catch
            {
                // Start-up failed: the fetcher the probe makes is still released, and its own failure stays quiet.
                _ = pendingFetcher.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                throw;
            }

            using var fetcher = await pendingFetcher.ConfigureAwait(false);

            if (endpoint is null)
            {
                await McpStdioHost.RunAsync(options, LogLevel.Warning, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await McpHttpHost.RunAsync(options, endpoint, context.Secrets.McpToken, parseResult.GetValue(noAuth), LogLevel.Warning,
                    uri => context.Error.WriteLine($"MCP server listening on {uri} (writes {(options.AllowWrites ? "allowed" : "refused")}); Ctrl+C stops it."),
                    cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static McpServeOptions CreateOptions(CliContext context, ILogger toolLogger, McpCommandPaths paths, IPageFetcher fetcher, bool allowWrites)
    {
        var redactor = new SecretRedactor([context.Secrets.PlexToken, context.Secrets.OpenAiApiKey, context.Secrets.McpToken]);
        string lessonsFile = AgentPaths.LessonsPath(context);
        Func<PlexClient>? plexFactory = null;
        if (context.Secrets.PlexToken is not null)
        {
            // Fail at start-up on a bad --url, not at the first Plex tool call.
            PlexConnection.CreateClient(context, paths.PlexUrl, paths.WorkDir).Dispose();
            plexFactory = () => PlexConnection.CreateClient(context, paths.PlexUrl, paths.WorkDir);
        }

        var environment = new ToolEnvironment
        {
            PluginsDir = paths.PluginsDir,
            LogsDir = paths.LogsDir,
            WorkDir = paths.WorkDir,
            LessonsPath = lessonsFile,
            PythonFactory = ct => ChangeServices.LocatePythonAsync(context, ct),
            GateProcesses = context.Settings.Gate.Processes,
            GateTimeout = TimeSpan.FromSeconds(Math.Max(5, context.Settings.Gate.TimeoutSeconds)),
            PlexClientFactory = plexFactory,
            PreflightFactory = ct => RunPreflight.ForToolsAsync(context, paths.PlexUrl, paths.PluginsDir, ct),
            RestartMethod = RestartCommand.ParseMethod(context.Settings.Plex.RestartMethod),
            Refresh = PlexConnection.RefreshOptions(context),
            PageFetcher = fetcher,
            SiteHosts = context.Settings.Agent.SiteHosts,
            Redactor = redactor,
            Logger = toolLogger,
        };

        // The prompt files are parsed on the other core while this one builds the tools, and the server answers
        // initialize and tools/list without waiting for them: both are start-up's longest steps.
        var prompts = Task.Run(() => LoadPrompts(context, lessonsFile, redactor));
        var tools = ToolRegistry.Create(environment).Tools;
        return new McpServeOptions
        {
            Tools = tools,
            Prompts = prompts,
            AllowWrites = allowWrites,
            WorkDir = paths.WorkDir,
            LessonsFile = lessonsFile,
            Redactor = redactor,
            Http = new McpHttpOptions
            {
                AllowedHosts = context.Settings.Mcp.AllowedHosts,
                IdleTimeout = TimeSpan.FromMinutes(Math.Max(1, context.Settings.Mcp.SessionIdleMinutes)),
                MaxIdleSessions = Math.Max(1, context.Settings.Mcp.MaxIdleSessions),
                MaxRequestBodyBytes = Math.Max(64 * 1024, context.Settings.Mcp.MaxRequestBytes),
            },
        };
    }

    /// <summary>The phase prompts of <c>Agent:PromptsDir</c> (default <c>prompts/</c>); a folder without prompt files serves none, a broken prompt file stops the server.</summary>
    private static IReadOnlyList<McpServerPrompt> LoadPrompts(CliContext context, string lessonsFile, SecretRedactor redactor)
    {
        string folder = AgentPaths.PromptsDir(context);
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.md").Length == 0)
        {
            context.Error.WriteLine($"warning: no prompt files in '{folder}' (Agent:PromptsDir): serving no prompts.");
            return [];
        }

        return PhaseMcpPrompt.All(AgentPaths.LoadPrompts(context), lessonsFile, redactor);
    }

    private sealed record McpCommandPaths(string PluginsDir, string LogsDir, string WorkDir, string? PlexUrl);
}

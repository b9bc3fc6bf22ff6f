using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PlexImprove.Agent.Chat;
using PlexImprove.Agent.Sites;
using PlexImprove.Cli.Hosting;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// <c>chat</c>: a conversation with the LLM over the same tools as the loop. Answers stream to stdout; prompts, tool
/// calls and confirmations go to stderr. Writer tools show the exact change and run only on "yes". Works in a
/// terminal and with piped input. History and transcript are kept in <c>&lt;work&gt;/chat/</c>.
/// </summary>
public static class ChatCommand
{
    public static Command Create(CliContext context)
    {
        var report = new Option<string?>("--report") { Description = "Start with this diagnostic report (or any text file) loaded into the conversation." };
        var plugins = new Option<string?>("--plugins") { Description = "The Plug-ins folder (default: Plex:PluginsDir, else this OS's Plex location)." };
        var logs = new Option<string?>("--logs") { Description = "The 'PMS Plugin Logs' folder (default: Plex:LogsDir, else this OS's Plex location)." };
        var work = new Option<string?>("--work") { Description = "The work folder (default: Run:WorkDir); history goes to chat/ inside." };
        var endpoint = new Option<string?>("--llm-endpoint") { Description = "OpenAI-compatible API root, e.g. http://localhost:11434/v1 (overrides Llm:Endpoint)." };
        var model = new Option<string?>("--llm-model") { Description = "Model name (overrides Llm:Model; the deployment name on Azure)." };

        var command = new Command("chat", "Talk with the LLM about your agents, over the same tools as the loop; changes run only after you confirm them.")
        {
            report, plugins, logs, work, endpoint, model,
        };

        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            // Configuration first: without an LLM there is nothing to talk to (exit 2 with how to configure one).
            var connection = AgentHost.Connection(context, parseResult.GetValue(endpoint), parseResult.GetValue(model));
            string pluginsDir = ChangeServices.PluginsDir(context, parseResult.GetValue(plugins));
            string logsDir = AggregateCommand.ResolveLogsDir(context, parseResult.GetValue(logs));
            var workFolder = ChangeServices.Work(context, parseResult.GetValue(work));
            string chatFolder = Path.Combine(workFolder.FullPath, "chat");
            string stamp = TimeProvider.System.GetLocalNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
            int iteration = workFolder.Iterations().DefaultIfEmpty(1).Max();

            using var loggerFactory = AgentLogging.Create(chatFolder);
            using var fetcher = await AgentPages.CreateAsync(context, pluginsDir, null, cancellationToken).ConfigureAwait(false);
            var input = Console.In;
            var approver = new ChatWriteApprover(input, context.Error);
            var tools = AgentHost.Tools(context, pluginsDir, logsDir, workFolder.FullPath, iteration, fetcher, loggerFactory.CreateLogger("PlexImprove.Tools"));
            using var kernel = AgentHost.Kernel(context, connection, tools, approver, chatFolder, $"chat_{stamp}_transcript.jsonl", loggerFactory);
            var session = new ChatSession(kernel, new ChatSessionOptions
            {
                Input = input,
                Output = context.Out,
                Status = context.Error,
                HistoryPath = Path.Combine(chatFolder, $"chat_{stamp}.json"),
                Interactive = !Console.IsInputRedirected,
            });
            if (parseResult.GetValue(report) is { } reportPath)
            {
                await session.LoadAsync(reportPath, cancellationToken).ConfigureAwait(false);
            }

            await session.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

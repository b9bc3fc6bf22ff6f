using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Research;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Errors;
using PlexImprove.Core.IO;

namespace PlexImprove.Agent.Chat;

/// <summary>
/// An interactive conversation with the model over the same kernel and tools as the loop: streamed answers,
/// <c>/load FILE</c>, <c>/tools</c>, <c>/budget</c>, <c>/save</c>, <c>/exit</c>. Writer tools run only after the user
/// confirms the exact change (the kernel's approver). The history is saved at the end and on <c>/save</c>.
/// </summary>
public sealed class ChatSession
{
    public const string SystemPrompt = """
        You are the assistant of PlexImproveAgent, which repairs the legacy Python 2.7 metadata agents of Plex Media
        Server. Answer the administrator's questions from evidence: call the tools to read the log digest, signatures,
        sessions, agent code and the sites' pages rather than guessing. Patches must be Python 2.7 and respect Plex's
        loader rules (no names or attributes starting with '_', no augmented assignment of attributes or items, no
        sum/any/all); preview every patch with preview_patch before proposing to apply it. One fix at a time, with the
        results it must produce stated before the change. Writer tools (apply_patch, rollback_fix, restart_plex,
        plex_refresh_items) run only after the user confirms; never use sudo. Be brief.
        """;

    private static readonly JsonSerializerOptions HistoryJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly AgentKernel _kernel;
    private readonly ChatSessionOptions _options;
    private readonly ChatHistory _history = new(SystemPrompt);
    private int _turn;

    public ChatSession(AgentKernel kernel, ChatSessionOptions options)
    {
        _kernel = kernel;
        _options = options;
        _kernel.Kernel.AutoFunctionInvocationFilters.Add(new ToolEcho(options.Status));
    }

    public ChatHistory History => _history;

    /// <summary>Loads a file (a report, a log excerpt) into the conversation as a user message.</summary>
    public async Task LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"'{path}' does not exist; /load takes a file such as work/iteration_1/diagnostic_report.json.");
        }

        string text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        bool cut = text.Length > _options.MaxLoadChars;
        if (cut)
        {
            text = text[.._options.MaxLoadChars];
        }

        _history.AddUserMessage($"Here is the file {Path.GetFileName(path)}{(cut ? " (cut to its first " + _options.MaxLoadChars.ToString(CultureInfo.InvariantCulture) + " characters)" : "")}:\n```\n{text}\n```");
        await _options.Status.WriteLineAsync($"Loaded {path} ({text.Length} characters{(cut ? ", cut" : "")}).").ConfigureAwait(false);
    }

    /// <summary>Runs until <c>/exit</c> or the end of the input; saves the history whatever happens.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var status = _options.Status;
        await status.WriteLineAsync($"Chat with {_kernel.Connection}. Commands: /load FILE, /tools, /budget, /save, /exit.").ConfigureAwait(false);

        // The research servers stay connected for the whole conversation and are closed when it ends.
        await using var research = await _kernel.AttachResearchAsync(ResearchPhases.Chat, cancellationToken).ConfigureAwait(false);
        if (research.Describe() is { Length: > 0 } researchNote)
        {
            _history.AddSystemMessage(researchNote);
            await status.WriteLineAsync($"Research tools: {string.Join(", ", research.Tools.Select(t => t.Name))}").ConfigureAwait(false);
        }

        try
        {
            while (true)
            {
                if (_options.Interactive)
                {
                    await status.WriteAsync("you> ").ConfigureAwait(false);
                    await status.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                string? line = await _options.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.StartsWith('/'))
                {
                    if (!await CommandAsync(line, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                _history.AddUserMessage(line);
                await RespondAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Save();
            await status.WriteLineAsync($"History saved to {_options.HistoryPath}").ConfigureAwait(false);
        }
    }

    /// <summary>Handles one slash command; false ends the session.</summary>
    private async Task<bool> CommandAsync(string line, CancellationToken cancellationToken)
    {
        var status = _options.Status;
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        string name = (space < 0 ? line : line[..space]).ToLowerInvariant();
        string argument = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (name)
        {
            case "/exit" or "/quit":
                return false;
            case "/tools":
                foreach (var function in _kernel.Kernel.Plugins.SelectMany(p => p).OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    string access = ToolNames.Writers.Contains(function.Name) ? "writer, asks first"
                        : function.PluginName == ResearchSession.PluginName ? "research" : "read-only";
                    await status.WriteLineAsync($"  {function.Name} ({access}): {FirstSentence(function.Description)}").ConfigureAwait(false);
                }

                return true;
            case "/budget":
                await status.WriteLineAsync("Budget: " + _kernel.Budget.Describe()).ConfigureAwait(false);
                return true;
            case "/save":
                Save();
                await status.WriteLineAsync($"Saved to {_options.HistoryPath}").ConfigureAwait(false);
                return true;
            case "/load" when argument.Length > 0:
                try
                {
                    await LoadAsync(argument, cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidInputException e)
                {
                    await status.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                }

                return true;
            default:
                await status.WriteLineAsync($"Unknown command '{line}'. Commands: /load FILE, /tools, /budget, /save, /exit.").ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>Streams one answer (tool calls run in between, writers after confirmation) and adds it to the history.</summary>
    private async Task RespondAsync(CancellationToken cancellationToken)
    {
        _turn++;
        _kernel.BeginPhase("chat turn " + _turn.ToString(CultureInfo.InvariantCulture));
        _kernel.Budget.ThrowIfExhausted();
        var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = _kernel.Kernel.Plugins.Count > 0 ? FunctionChoiceBehavior.Auto() : null };
        var answer = new StringBuilder();
        await LlmFailures.GuardAsync(_kernel.Connection, async () =>
        {
            await foreach (var chunk in _kernel.Chat.GetStreamingChatMessageContentsAsync(_history, settings, _kernel.Kernel, cancellationToken).ConfigureAwait(false))
            {
                if (!string.IsNullOrEmpty(chunk.Content))
                {
                    answer.Append(chunk.Content);
                    await _options.Output.WriteAsync(chunk.Content).ConfigureAwait(false);
                    await _options.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return answer.Length;
        }, cancellationToken).ConfigureAwait(false);
        await _options.Output.WriteLineAsync().ConfigureAwait(false);
        _history.AddAssistantMessage(answer.ToString());
        _kernel.Transcript.Write("response", new Dictionary<string, object?> { ["streamed"] = answer.ToString() });
        _kernel.Budget.ThrowIfExhausted();
    }

    /// <summary>The conversation as JSON: role, text, and the tool calls and results in between.</summary>
    private void Save()
    {
        var entries = _history.Select(m => new
        {
            role = m.Role.Label,
            content = m.Content,
            toolCalls = m.Items.OfType<FunctionCallContent>().Select(c => new { name = c.FunctionName, arguments = c.Arguments?.ToDictionary(a => a.Key, a => a.Value?.ToString()) }).ToList(),
            toolResults = m.Items.OfType<FunctionResultContent>().Select(r => new { name = r.FunctionName, result = r.Result?.ToString() }).ToList(),
        });
        string json = _kernel.Transcript.Redactor.Redact(JsonSerializer.Serialize(new
        {
            savedAt = _options.Time.GetUtcNow(),
            model = _kernel.Connection.Model,
            endpoint = _kernel.Connection.Endpoint.ToString(),
            budget = _kernel.Budget.Describe(),
            messages = entries,
        }, HistoryJson));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_options.HistoryPath))!);
        AtomicFile.WriteAllText(_options.HistoryPath, json);
    }

    private static string FirstSentence(string description)
    {
        int end = description.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? description : description[..(end + 1)];
    }

    /// <summary>Shows each tool call on the status stream as it happens.</summary>
    private sealed class ToolEcho(TextWriter status) : IAutoFunctionInvocationFilter
    {
        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            await status.WriteLineAsync($"  · {context.Function.Name}").ConfigureAwait(false);
            await next(context).ConfigureAwait(false);
        }
    }
}

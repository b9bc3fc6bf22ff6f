using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Hosting;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Research;

/// <summary>
/// One tool of a research server as the model sees it: named <c>&lt;server&gt;_&lt;tool&gt;</c>, each call bounded by the
/// server's timeout, the result turned into text, secrets masked, long results cut with a note. Failures (an error
/// result, a timeout, a broken connection) come back as text the model can read; the phase goes on.
/// </summary>
public sealed class ResearchTool : DelegatingAIFunction
{
    private readonly McpClientTool _tool;
    private readonly string _server;
    private readonly TimeSpan _timeout;
    private readonly int _maxChars;
    private readonly SecretRedactor _redactor;

    public ResearchTool(string server, McpClientTool tool, TimeSpan timeout, int maxChars, SecretRedactor redactor)
        : base(tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        _tool = tool;
        _server = server;
        _timeout = timeout;
        _maxChars = maxChars;
        _redactor = redactor;
        Name = ResearchToolSelection.FunctionName(server, tool.Name);
    }

    public override string Name { get; }

    public override string Description => $"[research server {_server}] {_tool.Description}";

    /// <summary>The server's own description of the tool.</summary>
    public string ToolDescription => _tool.Description;

    /// <summary>The server's own name for the tool.</summary>
    public string ToolName => _tool.Name;

    /// <summary>Calls the tool and returns its text; errors and timeouts as text that says so.</summary>
    public async Task<string> CallAsync(IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        (await CallWithOutcomeAsync(arguments, cancellationToken).ConfigureAwait(false)).Text;

    /// <summary>Calls the tool: its text (masked, cut) and whether it failed (an error result, a timeout, a broken connection).</summary>
    public async Task<(string Text, bool Failed)> CallWithOutcomeAsync(IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        bool failed = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        string text;
        try
        {
            var result = await _tool.CallAsync(arguments, cancellationToken: timeout.Token).ConfigureAwait(false);
            text = ToText(result);
            failed = result.IsError == true;
            if (failed)
            {
                text = $"Error from research server '{_server}', tool {_tool.Name}: {text}";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            text = string.Create(CultureInfo.InvariantCulture,
                $"Error: research server '{_server}' did not answer {_tool.Name} within {_timeout.TotalSeconds:0} s (TimeoutSeconds); go on without it.");
        }
        catch (Exception e) when (e is McpException or IOException or InvalidOperationException or System.Text.Json.JsonException or HttpRequestException)
        {
            text = $"Error: research server '{_server}' failed on {_tool.Name}: {e.Message}";
        }

        return (Cut(_redactor.Redact(text)), failed);
    }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var values = arguments.Where(a => a.Key.Length > 0).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return await CallAsync(values, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Text blocks as they are; other blocks described in one line (the model cannot use raw images or blobs here).</summary>
    internal static string ToText(CallToolResult result)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                ImageContentBlock i => $"[image {i.MimeType}]",
                AudioContentBlock a => $"[audio {a.MimeType}]",
                EmbeddedResourceBlock { Resource: TextResourceContents r } => $"[resource {r.Uri}]\n{r.Text}",
                EmbeddedResourceBlock r => $"[resource {r.Resource.Uri}]",
                ResourceLinkBlock l => $"[link {l.Uri}] {l.Name}",
                _ => $"[{block.Type}]",
            });
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(structured.ToString());
        }

        return text.ToString();
    }

    private string Cut(string text) =>
        text.Length <= _maxChars
            ? text
            : text[.._maxChars] + string.Create(CultureInfo.InvariantCulture,
                $"\n[truncated: {_maxChars} of {text.Length} characters shown (Research:MaxResultChars); ask the tool for less, e.g. a narrower query]");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Redaction;
using PlexImprove.Mcp.Hosting;

namespace PlexImprove.Mcp.Tools;

/// <summary>
/// One registry tool served over MCP under its canonical name, with the description, parameter schema and hints of
/// the same kernel function the loop and <c>chat</c> call. String results go out as plain text; records also as
/// <c>structuredContent</c>; failures as readable <see cref="ModelContextProtocol.McpException"/> messages.
/// </summary>
public sealed class AgentMcpTool : McpServerTool
{
    /// <summary>How every registry tool words a failure it handled itself.</summary>
    private const string ErrorPrefix = "Error: ";

    private readonly AgentToolInvoker _invoker;
    private readonly WritePolicy _writePolicy;
    private readonly SecretRedactor _redactor;
    private readonly Func<IReadOnlyDictionary<string, JsonElement>?, CancellationToken, ValueTask<string>>? _preview;

    /// <param name="tool">The registry tool.</param>
    /// <param name="kernel">The kernel the tool's function runs in.</param>
    /// <param name="writePolicy">Decides whether a writer may run.</param>
    /// <param name="redactor">Masks secrets in everything sent.</param>
    /// <param name="preview">For a writer: shows the exact change it would make (the diff), for the user to confirm.</param>
    public AgentMcpTool(
        AgentTool tool,
        Kernel kernel,
        WritePolicy writePolicy,
        SecretRedactor redactor,
        Func<IReadOnlyDictionary<string, JsonElement>?, CancellationToken, ValueTask<string>>? preview = null)
    {
        _invoker = new AgentToolInvoker(tool, kernel);
        _writePolicy = writePolicy;
        _redactor = redactor;
        _preview = preview;
        bool readOnly = tool.Access == ToolAccess.ReadOnly;
        ProtocolTool = new Tool
        {
            Name = tool.Name,
            Description = tool.Description,
            InputSchema = InputSchemaOf(tool),
            Annotations = new ToolAnnotations
            {
                ReadOnlyHint = readOnly,
                DestructiveHint = !readOnly && tool.Destructive,
                IdempotentHint = tool.Idempotent,
                OpenWorldHint = tool.OpenWorld,
            },
        };
    }

    public AgentTool Tool => _invoker.Tool;

    /// <summary>
    /// The kernel function's parameter schema. Semantic Kernel also copies the function's description into a
    /// top-level <c>condition</c> keyword, which is not JSON Schema: it is dropped (the description is sent once).
    /// </summary>
    private static JsonElement InputSchemaOf(AgentTool tool)
    {
        var schema = JsonNode.Parse(((AIFunction)tool.Function).JsonSchema.GetRawText()) as JsonObject ?? new JsonObject { ["type"] = "object" };
        schema.Remove("condition");
        return JsonSerializer.SerializeToElement(schema, ToolJson.Options);
    }

    /// <inheritdoc/>
    public override Tool ProtocolTool { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<object> Metadata { get; } = [];

    /// <summary>Runs the tool for the arguments given, without the write policy (used to preview a writer's change).</summary>
    public ValueTask<object?> RunAsync(IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken) =>
        _invoker.InvokeAsync(arguments, cancellationToken);

    /// <inheritdoc/>
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given, StringComparer.Ordinal) : null;

        // The call ends when the client goes away: over stdio when its input ends (see StdioClient), over HTTP when
        // the request carrying the call is aborted (the client disconnected or gave up).
        var gone = request.Services?.GetService<StdioClient>()?.Gone ?? CancellationToken.None;
        var aborted = request.Services?.GetService<IHttpContextAccessor>()?.HttpContext?.RequestAborted ?? CancellationToken.None;
        using var timeLimit = Tool.TimeLimit is { } limit ? new CancellationTokenSource(limit, Tool.Time) : null;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, gone, aborted, timeLimit?.Token ?? CancellationToken.None);
        var token = linked.Token;
        try
        {
            if (Tool.Access == ToolAccess.Writer)
            {
                await _writePolicy.EnsureAllowedAsync(Tool.Name, request.Server, ct => DescribeChangeAsync(arguments, ct), token).ConfigureAwait(false);
            }

            var call = _invoker.InvokeAsync(arguments, token).AsTask();
            object? value;
            try
            {
                // A tool that ignores its token must still not hold the call past its limit.
                value = Tool.TimeLimit is { } wait ? await call.WaitAsync(wait, Tool.Time, token).ConfigureAwait(false) : await call.ConfigureAwait(false);
            }
            catch (TimeoutException) when (!call.IsCompleted)
            {
                throw TimeLimitReached();
            }

            return ToResult(value);
        }
        catch (Exception e) when (timeLimit?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested && !gone.IsCancellationRequested
                                  && !aborted.IsCancellationRequested && ToolFailureBoundary.Unwrap(e) is OperationCanceledException)
        {
            throw TimeLimitReached();
        }
        catch (Exception e) when (!ToolFailureBoundary.IsCallerCancellation(e, token))
        {
            // The client shows this message to its user: an McpException is already worded for it (a refused writer,
            // a bad argument); anything else goes through the same boundary as the loop's and chat's tool calls.
            if (ToolFailureBoundary.Unwrap(e) is McpException worded)
            {
                throw new McpException(_redactor.Redact(worded.Message), e);
            }

            var logger = request.Services?.GetService<ILoggerFactory>()?.CreateLogger("PlexImprove.Mcp.Tools");
            throw new McpException(new ToolFailureBoundary(_redactor, logger).Classify(Tool.Name, e).Message);
        }
    }

    private McpException TimeLimitReached() => new(
        $"{Tool.Name} ran past its time limit of {Tool.TimeLimit!.Value.TotalSeconds:0} s and was stopped; nothing more was done. Narrow the request and try again.");

    /// <summary>The result as MCP content: text for strings, indented JSON plus <c>structuredContent</c> for records.</summary>
    internal CallToolResult ToResult(object? value)
    {
        switch (value)
        {
            case null:
                return Text($"{Tool.Name}: done (no output).");
            case string s:
                return FromText(s);
            case JsonElement { ValueKind: JsonValueKind.String } element:
                return FromText(element.GetString() ?? "");
        }

        var json = value is JsonElement raw ? raw : JsonSerializer.SerializeToElement(value, value.GetType(), ToolJson.Options);
        string text = _redactor.Redact(JsonSerializer.Serialize(json, ToolJson.Options));
        if (text.Length > MaxAnswerChars)
        {
            return Text(text);
        }

        var node = JsonNode.Parse(text);

        // structuredContent must be an object: a list or a scalar is wrapped under "result".
        var structured = node is JsonObject ? node : new JsonObject { ["result"] = node };
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(structured, ToolJson.Options),
        };
    }

    /// <summary>
    /// A tool's text answer: <c>Error: …</c> becomes an error result the client shows as such; a JSON object or list is
    /// sent as it is and also as <c>structuredContent</c>; anything else is plain text.
    /// </summary>
    private CallToolResult FromText(string text)
    {
        if (text.StartsWith(ErrorPrefix, StringComparison.Ordinal))
        {
            throw new McpException(_redactor.Redact(text[ErrorPrefix.Length..]));
        }

        string trimmed = text.TrimStart();
        if (text.Length <= MaxAnswerChars && (trimmed.StartsWith('{') || trimmed.StartsWith('[')))
        {
            try
            {
                var node = JsonNode.Parse(_redactor.Redact(text));
                var structured = node is JsonObject ? node : new JsonObject { ["result"] = node };
                return new CallToolResult
                {
                    Content = [new TextContentBlock { Text = _redactor.Redact(text) }],
                    StructuredContent = JsonSerializer.SerializeToElement(structured, ToolJson.Options),
                };
            }
            catch (JsonException)
            {
                // Text that merely starts with a bracket (a truncated answer, a log line): plain text it is.
            }
        }

        return Text(text);
    }

    /// <summary>
    /// Characters of one answer sent at most: the tool's own cap plus room for its truncation note. Past it the answer
    /// is cut (masked first, so no part of a secret is left) and sent as plain text.
    /// </summary>
    private int MaxAnswerChars => Tool.MaxAnswerChars + 1024;

    private CallToolResult Text(string text)
    {
        var masked = _redactor.Redact(text);
        if (masked.Length > MaxAnswerChars)
        {
            int cut = char.IsHighSurrogate(masked[MaxAnswerChars - 1]) ? MaxAnswerChars - 1 : MaxAnswerChars;
            masked = masked[..cut] + $"\n[truncated: {cut} of {masked.Length} characters sent]";
        }

        return new() { Content = [new TextContentBlock { Text = masked }] };
    }

    private async ValueTask<string> DescribeChangeAsync(IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        if (_preview is not null)
        {
            return _redactor.Redact(await _preview(arguments, cancellationToken).ConfigureAwait(false));
        }

        string shown = arguments is null || arguments.Count == 0 ? "(no arguments)" : JsonSerializer.Serialize(arguments, ToolJson.Options);
        return _redactor.Redact($"{Tool.Name} {shown}");
    }
}

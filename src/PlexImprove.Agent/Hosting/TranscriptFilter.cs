using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Hosting;

/// <summary>Records each tool call the model makes and the result it gets back; logs one line per call.</summary>
public sealed class TranscriptFilter : IAutoFunctionInvocationFilter
{
    private readonly LlmTranscript _transcript;
    private readonly ILogger _logger;

    public TranscriptFilter(LlmTranscript transcript, ILogger logger)
    {
        _transcript = transcript;
        _logger = logger;
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var arguments = (context.Arguments ?? []).ToDictionary(a => a.Key, a => (object?)a.Value?.ToString(), StringComparer.Ordinal);
        _transcript.Write("tool_call", new Dictionary<string, object?>
        {
            ["tool"] = context.Function.Name,
            ["callId"] = context.ToolCallId,
            ["round"] = context.RequestSequenceIndex,
            ["arguments"] = System.Text.Json.JsonSerializer.SerializeToNode(arguments),
        });
        _logger.LogInformation("Tool call {Tool} (round {Round})", context.Function.Name, context.RequestSequenceIndex + 1);
        await next(context).ConfigureAwait(false);
        _transcript.Write("tool_result", new Dictionary<string, object?>
        {
            ["tool"] = context.Function.Name,
            ["callId"] = context.ToolCallId,
            ["result"] = context.Result.GetValue<object>()?.ToString() ?? "",
            ["terminated"] = context.Terminate,
        });
    }
}

using Microsoft.SemanticKernel;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Hosting;

/// <summary>Refuses writer tools unless the approver allows the exact call; the model reads the refusal as the tool's result.</summary>
public sealed class WriterApprovalFilter : IAutoFunctionInvocationFilter
{
    private readonly IWriteApprover _approver;
    private readonly LlmTranscript _transcript;

    public WriterApprovalFilter(IWriteApprover approver, LlmTranscript transcript)
    {
        _approver = approver;
        _transcript = transcript;
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!ToolNames.Writers.Contains(context.Function.Name))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = new WriteRequest
        {
            Tool = context.Function.Name,
            Arguments = (context.Arguments ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString(), StringComparer.Ordinal),
        };
        string? refusal = await _approver.RefusalAsync(request, context.CancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        _transcript.Write("tool_refused", new Dictionary<string, object?> { ["tool"] = request.Tool, ["reason"] = refusal });
        context.Result = new FunctionResult(context.Function, $"Refused: '{request.Tool}' was not run: {refusal}.");
    }
}

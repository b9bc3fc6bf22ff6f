using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// Turns a failure of a tool call into an <c>Error: …</c> result through <see cref="ToolFailureBoundary"/>: a missing or
/// malformed argument fails inside Semantic Kernel before the tool runs, and the model should read why instead of the
/// call aborting. Other plugins' functions (the phase prompts) are left alone.
/// </summary>
public sealed class ToolErrorFilter : IFunctionInvocationFilter
{
    private readonly ToolFailureBoundary _failures;

    /// <param name="failures">The boundary that words the failure (default: masked with the shared redactor, not logged).</param>
    public ToolErrorFilter(ToolFailureBoundary? failures = null) =>
        _failures = failures ?? new ToolFailureBoundary(PlexImprove.Core.Redaction.SecretRedactor.Shared);

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!string.Equals(context.Function.PluginName, ToolRegistry.PluginName, StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!ToolFailureBoundary.IsCallerCancellation(e, context.CancellationToken))
        {
            context.Result = new FunctionResult(context.Function, _failures.ToCallAnswer(context.Function.Name, e));
        }
    }
}

using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// Turns a failure of a tool call into an <c>Error: …</c> result: a missing or malformed argument fails inside Semantic
/// Kernel before the tool runs, and the model should read why instead of the call aborting. Other plugins' functions
/// (the phase prompts) are left alone.
/// </summary>
public sealed class ToolErrorFilter : IFunctionInvocationFilter
{
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
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            context.Result = new FunctionResult(context.Function, ToolOutput.Describe(e) + $" (tool {context.Function.Name}; check the arguments against its description)");
        }
    }
}

using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Counts the usage of each model response that asks for tools (the first call of each round sees it) and, once a
/// budget is spent, runs no more tools and ends the automatic loop so no further request is sent.
/// </summary>
public sealed class TokenBudgetFilter : IAutoFunctionInvocationFilter
{
    private readonly TokenBudget _budget;

    public TokenBudgetFilter(TokenBudget budget) => _budget = budget;

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _budget.Count(context.ChatMessageContent);
        if (_budget.Exhausted is { } reason)
        {
            context.Result = new FunctionResult(context.Function, $"Stopped: {reason}");
            context.Terminate = true;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}

using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Once a budget is spent, runs no more tools and ends the automatic loop gracefully. The counting itself, and the
/// refusal of any further request, happen in <see cref="ModelRequestMeter"/>, which every request passes.
/// </summary>
public sealed class TokenBudgetFilter : IAutoFunctionInvocationFilter
{
    private readonly TokenBudget _budget;

    public TokenBudgetFilter(TokenBudget budget) => _budget = budget;

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_budget.Exhausted is { } reason)
        {
            context.Result = new FunctionResult(context.Function, $"Stopped: {reason}");
            context.Terminate = true;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}

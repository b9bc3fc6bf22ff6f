using Microsoft.SemanticKernel;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Caps the model's tool rounds per phase (<c>Llm:MaxToolRounds</c>): calls of a round past the cap are not run,
/// the model is told why, and the automatic loop ends so the caller can ask for the final answer without tools.
/// </summary>
public sealed class ToolRoundLimitFilter : IAutoFunctionInvocationFilter
{
    private readonly int _maxRounds;
    private readonly LlmTranscript _transcript;

    public ToolRoundLimitFilter(int maxRounds, LlmTranscript transcript)
    {
        _maxRounds = Math.Max(1, maxRounds);
        _transcript = transcript;
    }

    /// <summary>The cap (<c>Llm:MaxToolRounds</c>).</summary>
    public int MaxRounds => _maxRounds;

    /// <summary>Set when the cap stopped the loop.</summary>
    public bool Reached { get; private set; }

    /// <summary>Tool rounds used in this phase (a round is one model answer asking for tools).</summary>
    public int RoundsUsed { get; private set; }

    /// <summary>Starts a new phase's count.</summary>
    public void Reset()
    {
        Reached = false;
        RoundsUsed = 0;
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.FunctionSequenceIndex == 0)
        {
            RoundsUsed++;
        }

        if (RoundsUsed <= _maxRounds)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        Reached = true;
        _transcript.Write("tool_refused", new Dictionary<string, object?> { ["tool"] = context.Function.Name, ["reason"] = $"tool round limit {_maxRounds}" });
        context.Result = new FunctionResult(context.Function,
            $"Refused: the limit of {_maxRounds} tool rounds for this phase is reached (Llm:MaxToolRounds). Answer now with what you have.");
        context.Terminate = true;
    }
}

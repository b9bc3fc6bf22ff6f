using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Hosting;

/// <summary>A token budget ran out: the run stopped cleanly; the message names the limit and the setting that raises it.</summary>
public sealed class TokenBudgetExceededException : PlexImproveException
{
    public TokenBudgetExceededException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Hosting;

/// <summary>A phase sent as many model requests as it may (<c>Llm:MaxToolRounds</c> plus the answer and one repair round); nothing more was sent.</summary>
public sealed class ModelRequestLimitException : PlexImproveException
{
    public ModelRequestLimitException(string message)
        : base(message)
    {
    }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

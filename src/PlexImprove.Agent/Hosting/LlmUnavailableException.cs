using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Hosting;

/// <summary>The LLM endpoint cannot be used: unreachable, key rejected, model unknown (bad configuration, exit 2), or it kept failing (exit 1).</summary>
public sealed class LlmUnavailableException : PlexImproveException
{
    private readonly FailureKind _kind;

    public LlmUnavailableException(string message, FailureKind kind, Exception? innerException = null)
        : base(message, innerException) => _kind = kind;

    public override FailureKind Kind => _kind;
}

using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>The model's answer was still invalid after the repair round; nothing was written.</summary>
public sealed class LlmAnswerInvalidException : PlexImproveException
{
    public LlmAnswerInvalidException(string message, IReadOnlyList<string> problems)
        : base(message) => Problems = problems;

    /// <summary>What was wrong with the last answer, one problem per entry.</summary>
    public IReadOnlyList<string> Problems { get; }

    public override FailureKind Kind => FailureKind.WorkFailed;
}

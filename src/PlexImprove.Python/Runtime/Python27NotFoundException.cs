using PlexImprove.Core.Errors;

namespace PlexImprove.Python.Runtime;

/// <summary>No Python 2.7 interpreter is available; the message lists every way to provide one and why each candidate was skipped.</summary>
public sealed class Python27NotFoundException : PlexImproveException
{
    public Python27NotFoundException(string message, IReadOnlyList<InterpreterCandidate> candidates)
        : base(message) => Candidates = candidates;

    /// <summary>Every candidate tried, with the reason it was skipped.</summary>
    public IReadOnlyList<InterpreterCandidate> Candidates { get; }

    public override FailureKind Kind => FailureKind.BadInput;
}

using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Reflection;

/// <summary>
/// One fix as the post-mortem measured it: the proposal (with its expected results), the decision, each expected
/// result against what was measured, and the side effects (new signatures, HTTP statuses that rose).
/// </summary>
public sealed class InterventionOutcome
{
    public required FixProposal Fix { get; init; }

    /// <summary>The final decision on the fix.</summary>
    public required OutcomeStatus Status { get; init; }

    /// <summary>Success rate of the tested items before and after (0..1), when tested.</summary>
    public double? SuccessBefore { get; init; }
    public double? SuccessAfter { get; init; }

    public IReadOnlyList<ExpectedResultCheck> Checks { get; init; } = [];

    /// <summary>Signatures first seen in the test window (id and text).</summary>
    public IReadOnlyList<string> NewSignatures { get; init; } = [];

    /// <summary>HTTP statuses whose rate per 100 sessions rose, e.g. <c>429</c> → (0, 37.5).</summary>
    public IReadOnlyDictionary<string, (double Before, double After)> HttpStatusesRose { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>Why the fix was blocked or rolled back, in words.</summary>
    public string? Reason { get; init; }
}

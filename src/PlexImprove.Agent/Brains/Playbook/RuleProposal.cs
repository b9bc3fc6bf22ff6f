using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>What a rule proposes: the fix, the signatures it accounts for, or why it could not build a patch.</summary>
public sealed class RuleProposal
{
    /// <summary>The fix, or null when the rule recognised the shape but could not build a change (see <see cref="Reason"/>).</summary>
    public FixProposal? Fix { get; init; }

    /// <summary>Signature ids the proposal accounts for.</summary>
    public IReadOnlyList<string> SignatureIds { get; init; } = [];

    /// <summary>Why no fix was built; becomes the reason on each uncovered signature.</summary>
    public string? Reason { get; init; }

    /// <summary>Set when the rule recognised a failure no offline change can cure: the agent is reported, not patched.</summary>
    public OutOfReachAgent? OutOfReach { get; init; }

    public static RuleProposal Unfixable(OutOfReachAgent outOfReach, IEnumerable<string> signatureIds) =>
        new() { OutOfReach = outOfReach, Reason = "not fixable offline: " + outOfReach.Reason, SignatureIds = [.. signatureIds] };

    public static RuleProposal For(FixProposal fix, IEnumerable<string> signatureIds) => new() { Fix = fix, SignatureIds = [.. signatureIds] };

    public static RuleProposal NotBuilt(string reason, IEnumerable<string> signatureIds) => new() { Reason = reason, SignatureIds = [.. signatureIds] };
}

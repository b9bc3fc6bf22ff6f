using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// One playbook rule: recognises a failure shape in the evidence of one agent and, when it can, builds a concrete
/// fix for it. A rule never writes anything; the proposal is verified by the gate afterwards.
/// </summary>
public interface IPlaybookRule
{
    /// <summary>Stable rule name, used in fix ids and by the reflection rules (e.g. <c>http-403-headers</c>).</summary>
    string Name { get; }

    /// <summary>The proposals for <paramref name="agent"/>, or none when the evidence does not show this rule's shape.</summary>
    Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken);
}

using PlexImprove.Agent.Diagnosis;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Coordination;

/// <summary>A check a fix must pass just before the loop applies it to the live plug-in.</summary>
public interface IBeforeApply
{
    /// <summary>Null lets the fix be applied; otherwise why it must not be (recorded as the fix's reason, nothing written).</summary>
    Task<string?> CheckAsync(FixRecord record, FixProposal proposal, CancellationToken cancellationToken);
}

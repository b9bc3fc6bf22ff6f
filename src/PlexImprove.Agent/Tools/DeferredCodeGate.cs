using PlexImprove.Core.Changes.Gate;

namespace PlexImprove.Agent.Tools;

/// <summary>The registry's gate, found on the first check: rolling back or listing backups never needs Python 2.7.</summary>
internal sealed class DeferredCodeGate : ICodeGate
{
    private readonly ToolRuntime _runtime;

    public DeferredCodeGate(ToolRuntime runtime) => _runtime = runtime;

    public async Task<IReadOnlyList<GateFileResult>> CheckAsync(IReadOnlyList<GateSource> sources, GateChecks checks, CancellationToken cancellationToken = default)
    {
        var gate = await _runtime.GateAsync(cancellationToken).ConfigureAwait(false);
        return await gate.CheckAsync(sources, checks, cancellationToken).ConfigureAwait(false);
    }
}

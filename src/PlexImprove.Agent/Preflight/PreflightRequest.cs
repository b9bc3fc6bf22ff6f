using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Preflight;

/// <summary>One fix to pre-flight on one agent's failing items.</summary>
public sealed record PreflightRequest
{
    /// <summary>The fix; its patch is applied to a scratch copy of the bundles it names, never to the Plug-ins folder.</summary>
    public required FixProposal Fix { get; init; }

    /// <summary>The agent whose search and update are run (full identifier).</summary>
    public required string Agent { get; init; }

    /// <summary>The failing items, with Plex's own arguments (see <see cref="FailingItems"/>).</summary>
    public required IReadOnlyList<PreflightItem> Items { get; init; }
}

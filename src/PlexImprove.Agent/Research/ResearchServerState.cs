namespace PlexImprove.Agent.Research;

/// <summary>What became of a configured research server in one phase or command.</summary>
public enum ResearchServerState
{
    /// <summary>Connected; its allowed tools are attached.</summary>
    Attached,

    /// <summary>Not offered in this phase (its <c>Phases</c> do not include it).</summary>
    NotInPhase,

    /// <summary>Misconfigured, did not start, or did not answer in time; skipped.</summary>
    Failed,
}

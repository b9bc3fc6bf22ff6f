namespace PlexImprove.Core.Metrics;

/// <summary>How a session ended, by the counting rules.</summary>
public enum SessionOutcome
{
    /// <summary>A PGMA success footer, or (for agents that write no footers) no failure before the next start.</summary>
    Succeeded,

    /// <summary>A PGMA failure footer.</summary>
    Failed,

    /// <summary>The Framework caught an exception from the agent (agentkit CRITICAL record).</summary>
    Crashed,

    /// <summary>A PGMA agent's session that never logged an outcome.</summary>
    Unfinished,
}

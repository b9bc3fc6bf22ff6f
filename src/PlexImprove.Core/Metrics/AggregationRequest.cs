namespace PlexImprove.Core.Metrics;

/// <summary>What to aggregate: a plugin logs folder, an optional time window and agent filter.</summary>
public sealed class AggregationRequest
{
    /// <summary>The <c>PMS Plugin Logs</c> folder.</summary>
    public required string LogsDir { get; init; }

    /// <summary>Inclusive lower bound on record timestamps (local time, as logged).</summary>
    public DateTime? Since { get; init; }

    /// <summary>Exclusive upper bound on record timestamps (local time, as logged).</summary>
    public DateTime? Until { get; init; }

    /// <summary>
    /// Per agent identifier, a window that replaces <see cref="Since"/> for that agent (<see cref="Until"/> still
    /// applies): the loop diagnoses each agent from the lines that reflect its current code.
    /// </summary>
    public IReadOnlyDictionary<string, AgentWindow> AgentWindows { get; init; } = new Dictionary<string, AgentWindow>();

    /// <summary>Agent identifiers to keep (e.g. <c>com.plexapp.agents.AEBN</c>); empty keeps all.</summary>
    public IReadOnlyCollection<string> Agents { get; init; } = [];

    /// <summary>Also return every session (needed by the active tester; costs memory proportional to sessions).</summary>
    public bool CollectSessions { get; init; }

    /// <summary>Log files read at most; more is refused before anything is read (null: no bound, the CLI's default).</summary>
    public int? MaxFiles { get; init; }

    /// <summary>Bytes of log read at most; more is refused before anything is read (null: no bound).</summary>
    public long? MaxBytes { get; init; }
}

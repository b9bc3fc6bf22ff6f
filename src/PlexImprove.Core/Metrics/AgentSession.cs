namespace PlexImprove.Core.Metrics;

/// <summary>
/// One search or update an agent ran, as reconstructed from its log: used by the active tester to judge
/// the items it refreshed. <see cref="RatingKey"/> is the Plex item the session worked on, when the log says.
/// </summary>
public sealed class AgentSession
{
    public required string Agent { get; init; }
    public required SessionKind Kind { get; init; }
    public required string ThreadId { get; init; }
    public required DateTime Started { get; init; }

    /// <summary>When the outcome was logged; null for sessions that never closed.</summary>
    public DateTime? Ended { get; set; }

    public SessionOutcome Outcome { get; set; }

    /// <summary>The item's ratingKey (<c>'id'</c> of a search, <c>dbid</c> of an update), when logged.</summary>
    public string? RatingKey { get; init; }

    /// <summary>The exception type of a crash (<c>HTTPError</c> …); null unless the outcome is a crash.</summary>
    public string? ExceptionType { get; set; }

    /// <summary>Ids of the signatures of the failure events logged while the session was open.</summary>
    public List<string> SignatureIds { get; } = [];
}

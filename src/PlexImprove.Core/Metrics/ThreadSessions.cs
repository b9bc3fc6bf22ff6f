namespace PlexImprove.Core.Metrics;

/// <summary>The open sessions of one thread.</summary>
internal sealed class ThreadSessions(string threadId)
{
    public string ThreadId { get; } = threadId;
    public AgentSession? Search { get; set; }
    public AgentSession? Update { get; set; }
    public AgentSession? LastOpened { get; set; }
    public long LastOpenedAt { get; set; }
    public bool UpdateOpenedByHandlingRequest { get; set; }
    public int UpdateRequestPathHash { get; set; }

    private AgentSession? _uncollectedSearch;
    private AgentSession? _uncollectedUpdate;

    /// <summary>
    /// The one object standing for every session of <paramref name="kind"/> on this thread when sessions are not
    /// collected: only whether it is open (and, by identity, which kind opened last) is read of it.
    /// </summary>
    public AgentSession Uncollected(SessionKind kind, string agent) => kind == SessionKind.Search
        ? _uncollectedSearch ??= new AgentSession { Agent = agent, Kind = kind, ThreadId = ThreadId, Started = default }
        : _uncollectedUpdate ??= new AgentSession { Agent = agent, Kind = kind, ThreadId = ThreadId, Started = default };

    public AgentSession? MostRecentOpen() =>
        LastOpened is { } last && (ReferenceEquals(last, Search) || ReferenceEquals(last, Update)) ? last : Search ?? Update;

    public AgentSession? Take(SessionKind kind)
    {
        var session = kind == SessionKind.Search ? Search : Update;
        if (kind == SessionKind.Search)
        {
            Search = null;
        }
        else
        {
            Update = null;
        }

        return session;
    }
}

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// One failure read from an agent's log with its context: the URL the thread requested last, the traceback's frame
/// in the agent's code (file as logged, line, code), and the record itself as an excerpt.
/// </summary>
public sealed class LogIncident
{
    /// <summary><c>http</c>, <c>timeout</c>, <c>title-match</c>, <c>crash</c> or <c>load</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The HTTP status for <c>http</c> incidents.</summary>
    public int Status { get; init; }

    /// <summary>The last URL the thread requested before the failure.</summary>
    public string? Url { get; init; }

    /// <summary>The name Plex asked the thread's search for (<c>Searching for matches for {'name': …}</c>), when logged.</summary>
    public string? Searched { get; init; }

    /// <summary>The record's message (first line), as logged.</summary>
    public required string Excerpt { get; init; }

    /// <summary>The last line of the traceback (<c>IndexError: list index out of range</c>), for crashes and load failures.</summary>
    public string? ExceptionLine { get; init; }

    /// <summary>The agent-code frame nearest the error: file as logged, 1-based line and the code shown.</summary>
    public string? CodeFile { get; init; }
    public int CodeLine { get; init; }
    public string? CodeText { get; init; }

    /// <summary>For crashes: <c>search</c> or <c>update</c>, from the Framework's message.</summary>
    public string? Function { get; init; }
}

namespace PlexImprove.Core.Metrics;

/// <summary>Which of the texts the counting rules look for occur in a record's message or continuation.</summary>
[Flags]
internal enum RecordSignals
{
    None = 0,

    /// <summary><c>:: *</c>, where a PGMA outcome footer can start.</summary>
    FooterMark = 1 << 0,

    /// <summary>A PGMA phase tag, <c>SEARCH::</c> or <c>UPDATE::</c>.</summary>
    PhaseTag = 1 << 1,

    /// <summary><c>resource</c>, which both kinds of Plex's resource-hash noise contain.</summary>
    Resource = 1 << 2,

    /// <summary>The messaging function of an update request (<see cref="Logs.UpdateRequest.FunctionToken"/>).</summary>
    UpdateFunction = 1 << 3,

    /// <summary><c>Exception </c>.</summary>
    ExceptionWord = 1 << 4,

    /// <summary><c>timed out</c> in any letter case.</summary>
    TimedOut = 1 << 5,

    /// <summary><c>HTTP Error </c>.</summary>
    HttpError = 1 << 6,

    /// <summary><c>Cannot read model from</c>.</summary>
    ModelReadError = 1 << 7,

    /// <summary><c>Search Query did not pull any results</c>.</summary>
    NoResults = 1 << 8,

    /// <summary><c> Match Failure! &gt;</c>, the suffix of every PGMA match failure.</summary>
    MatchFailure = 1 << 9,
}

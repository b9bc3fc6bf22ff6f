using System.Runtime.CompilerServices;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Signatures;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Applies the counting rules to one agent's records (all its files, oldest first): levels, noise,
/// sessions per thread, signals and failure signatures. One instance per agent, so agents can be
/// analysed in parallel and merged.
/// </summary>
internal sealed class AgentLogAnalyzer : IRawRecordSink
{
    /// <summary>Threads kept at once; real Plex reuses a pool of a few dozen.</summary>
    private const int MaxThreads = 4096;

    private readonly string _agent;
    private readonly DateTime? _since;
    private readonly DateTime? _until;
    private readonly AgentWindow? _window;
    private readonly bool _collectSessions;
    private readonly Dictionary<long, ThreadSessions> _threads = [];
    private readonly List<AgentSession> _sessions = [];
    private readonly List<AgentSession> _closedWithoutOutcome = [];
    private readonly HashSet<int> _httpCodesInRecord = [];
    private readonly string?[] _httpCodeNames = new string?[1000]; // codes are three digits
    private readonly FailureEventCache _failureEvents = new();
    private readonly RecordSignalScanner _scanner = RecordSignalScanner.Instance;
    private long _searchesWithoutOutcome;
    private long _updatesWithoutOutcome;
    private bool _sawOutcomeFooter;
    private long _sessionSequence;

    public AgentLogAnalyzer(string agent, DateTime? since, DateTime? until, AgentWindow? window, bool collectSessions)
    {
        _agent = agent;
        _since = since;
        _until = until;
        _window = window is { Excluded.Count: > 0 } ? window : null;
        _collectSessions = collectSessions;
    }

    public Counts Counts { get; } = new();

    public SignatureTable Signatures { get; } = new();

    public IReadOnlyList<AgentSession> Sessions => _sessions;

    public DateTime? FirstRecord { get; private set; }

    public DateTime? LastRecord { get; private set; }

    // Per-record path: compiled in full at its first call, since tiering lags on the busy reading threads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnRecord(in RawRecord record)
    {
        var message = record.Message;
        var signals = _scanner.Find(message);
        var footerKind = SessionKind.Search;
        bool footerSucceeded = false;
        bool isFooter = (signals & RecordSignals.FooterMark) != 0 && OutcomeFooter.TryMatch(message, out footerKind, out footerSucceeded);

        // Whether an agent is PGMA-style (writes outcome footers, or at least PGMA phase tags before aborting) is a
        // property of the agent, so it is judged on all its records.
        _sawOutcomeFooter |= isFooter || (signals & RecordSignals.PhaseTag) != 0;

        var timestamp = record.Header.Timestamp;
        if ((_since is { } since && timestamp < since) || (_until is { } until && timestamp >= until) || (_window?.IsExcluded(timestamp) ?? false))
        {
            return;
        }

        FirstRecord ??= timestamp;
        LastRecord = timestamp;
        Counts.Levels.Increment(record.Header.Level);

        var bodySignals = record.HasContinuation ? _scanner.Find(record.Continuation) : RecordSignals.None;
        if (IsNoise(record, signals, bodySignals))
        {
            Counts.Noise++;
            return;
        }

        _threads.TryGetValue(record.Header.ThreadKey, out var thread);
        if (message.StartsWith(LogText.SearchStart))
        {
            thread ??= AddThread(record);
            StartSession(thread, SessionKind.Search, timestamp, _collectSessions ? RecordText.SearchRatingKey(message) : null, requestPathHash: 0);
        }
        else if ((signals & RecordSignals.UpdateFunction) != 0)
        {
            thread ??= AddThread(record);
            StartUpdateUnlessSameRequest(thread, timestamp, record);
        }
        else if (isFooter && thread is not null)
        {
            CloseWithFooter(thread, footerKind, footerSucceeded, timestamp);
        }

        SessionKind? crashKind = record.Header.Level == PluginLogLevel.Critical
            ? message.StartsWith(LogText.SearchCrash) ? SessionKind.Search
            : message.StartsWith(LogText.UpdateCrash) ? SessionKind.Update
            : null
            : null;

        string? signatureId = crashKind is { } kind
            ? CountCrash(thread, kind, timestamp, record, signals | bodySignals)
            : CountSignals(record, signals, bodySignals);

        if (_collectSessions && crashKind is null && signatureId is not null && thread?.MostRecentOpen() is { } session)
        {
            session.SignatureIds.Add(signatureId);
        }
    }

    /// <summary>Closes what is still open and settles sessions that ended without an outcome.</summary>
    public void Finish()
    {
        foreach (var thread in _threads.Values)
        {
            CloseWithoutOutcome(thread.Search);
            CloseWithoutOutcome(thread.Update);
            thread.Search = thread.Update = null;
        }

        // Agents that never write footers nor PGMA phase tags (most non-PGMA agents) only tell us about failures.
        var outcome = _sawOutcomeFooter ? SessionOutcome.Unfinished : SessionOutcome.Succeeded;
        if (_sawOutcomeFooter)
        {
            Counts.SearchesUnfinished += _searchesWithoutOutcome;
            Counts.UpdatesUnfinished += _updatesWithoutOutcome;
        }
        else
        {
            Counts.SearchesSucceeded += _searchesWithoutOutcome;
            Counts.UpdatesSucceeded += _updatesWithoutOutcome;
        }

        foreach (var session in _closedWithoutOutcome)
        {
            session.Outcome = outcome;
        }

        _closedWithoutOutcome.Clear();
        _searchesWithoutOutcome = _updatesWithoutOutcome = 0;
    }

    private static bool IsNoise(in RawRecord record, RecordSignals signals, RecordSignals bodySignals) =>
        ((signals & RecordSignals.Resource) != 0 && RecordText.IsNoise(record.Message))
        || ((bodySignals & RecordSignals.Resource) != 0 && RecordText.IsNoise(record.Continuation));

    /// <summary>A thread seen for the first time, or again after it was let go; it stays while its id is reused.</summary>
    private ThreadSessions AddThread(in RawRecord record)
    {
        if (_threads.Count >= MaxThreads)
        {
            EvictIdleThreads();
        }

        var thread = new ThreadSessions(Utf8.Decode(record.ThreadId));
        _threads.Add(record.Header.ThreadKey, thread);
        return thread;
    }

    /// <summary>
    /// Keeps memory independent of input size: a log with ever-new thread ids (many restarts, agents without
    /// footers) would otherwise hold one thread, and maybe an open session, per id forever. Threads with nothing open
    /// go first; if those were not enough, the half of the others that were quiet the longest are treated as if their
    /// input had ended.
    /// </summary>
    private void EvictIdleThreads()
    {
        foreach (var (key, thread) in _threads)
        {
            if (thread is { Search: null, Update: null })
            {
                _threads.Remove(key);
            }
        }

        if (_threads.Count < MaxThreads)
        {
            return;
        }

        var idle = _threads.OrderBy(t => t.Value.LastOpenedAt).Take(_threads.Count / 2).ToList();
        foreach (var (key, thread) in idle)
        {
            CloseWithoutOutcome(thread.Search);
            CloseWithoutOutcome(thread.Update);
            _threads.Remove(key);
        }
    }

    // Per-record path: compiled in full at its first call, since tiering lags on the busy reading threads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartUpdateUnlessSameRequest(ThreadSessions thread, DateTime timestamp, in RawRecord record)
    {
        // The Framework logs one update request twice: "Handling request GET <path>" then "Found route matching <path>".
        var message = record.Message;
        int pathHash = RecordText.RequestPathHash(message);
        if (message.StartsWith(LogText.FoundRoute) && thread.Update is not null && thread.UpdateOpenedByHandlingRequest
            && thread.UpdateRequestPathHash == pathHash)
        {
            thread.UpdateOpenedByHandlingRequest = false;
            return;
        }

        StartSession(thread, SessionKind.Update, timestamp, _collectSessions ? UpdateRequestDecoder.TryGetRatingKey(message) : null, pathHash);
        thread.UpdateOpenedByHandlingRequest = message.StartsWith(LogText.HandlingRequest);
    }

    // Per-record path: compiled in full at its first call, since tiering lags on the busy reading threads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartSession(ThreadSessions thread, SessionKind kind, DateTime timestamp, string? ratingKey, int requestPathHash)
    {
        if (kind == SessionKind.Search)
        {
            Counts.SearchesStarted++;
            CloseWithoutOutcome(thread.Search);
        }
        else
        {
            Counts.UpdatesStarted++;
            CloseWithoutOutcome(thread.Update);
            thread.UpdateRequestPathHash = requestPathHash;
        }

        // Sessions that are not collected are only ever asked whether they are open: one object per thread and kind.
        var session = _collectSessions
            ? new AgentSession { Agent = _agent, Kind = kind, ThreadId = thread.ThreadId, Started = timestamp, RatingKey = ratingKey }
            : thread.Uncollected(kind, _agent);
        if (kind == SessionKind.Search)
        {
            thread.Search = session;
        }
        else
        {
            thread.Update = session;
        }

        thread.LastOpened = session;
        thread.LastOpenedAt = ++_sessionSequence;
        if (_collectSessions)
        {
            _sessions.Add(session);
        }
    }

    private void CloseWithoutOutcome(AgentSession? session)
    {
        if (session is null)
        {
            return;
        }

        if (session.Kind == SessionKind.Search)
        {
            _searchesWithoutOutcome++;
        }
        else
        {
            _updatesWithoutOutcome++;
        }

        if (_collectSessions)
        {
            _closedWithoutOutcome.Add(session);
        }
    }

    // Per-record path: compiled in full at its first call, since tiering lags on the busy reading threads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CloseWithFooter(ThreadSessions thread, SessionKind kind, bool succeeded, DateTime timestamp)
    {
        var session = thread.Take(kind);
        if (session is null)
        {
            return;
        }

        session.Ended = timestamp;
        session.Outcome = succeeded ? SessionOutcome.Succeeded : SessionOutcome.Failed;
        switch ((kind, succeeded))
        {
            case (SessionKind.Search, true): Counts.SearchesSucceeded++; break;
            case (SessionKind.Search, false): Counts.SearchesFailed++; break;
            case (SessionKind.Update, true): Counts.UpdatesSucceeded++; break;
            default: Counts.UpdatesFailed++; break;
        }
    }

    private string CountCrash(ThreadSessions? thread, SessionKind kind, DateTime timestamp, in RawRecord record, RecordSignals anywhere)
    {
        if (kind == SessionKind.Search)
        {
            Counts.SearchesFailed++;
        }
        else
        {
            Counts.UpdatesFailed++;
        }

        var lastLine = record.LastNonEmptyContinuationLine();
        var crash = _failureEvents.Crash(kind == SessionKind.Search ? "search" : "update", record.Continuation, lastLine);
        var exceptionType = crash.ExceptionType;
        Counts.Increment(Counts.Exceptions, exceptionType);
        CountBodySignals(record, anywhere);

        var id = Signatures.TryCount(crash.Failure, _agent, timestamp)
            ?? Signatures.Add(crash.Failure, _agent, timestamp, CrashExample(record.Message, lastLine));

        var session = thread?.Take(kind);
        if (session is not null)
        {
            session.Ended = timestamp;
            session.Outcome = SessionOutcome.Crashed;
            session.ExceptionType = exceptionType;
            if (_collectSessions)
            {
                session.SignatureIds.Add(id);
            }
        }

        return id;
    }

    /// <summary>Counts the signal counters of a non-crash record and, when it is a failure, its signature.</summary>
    // Per-record path: compiled in full at its first call, since tiering lags on the busy reading threads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? CountSignals(in RawRecord record, RecordSignals signals, RecordSignals bodySignals)
    {
        var message = record.Message;
        bool load = (signals & RecordSignals.ExceptionWord) != 0
            && (message.IndexOf(LogText.LoadFailureCode) >= 0 || message.IndexOf(LogText.LoadFailureStart) >= 0);
        var (timedOut, httpCodes) = CountBodySignals(record, signals | bodySignals);
        bool model = (signals & RecordSignals.ModelReadError) != 0;
        bool noResults = (signals & RecordSignals.NoResults) != 0;
        bool anyMatch = (signals & RecordSignals.MatchFailure) != 0;
        bool title = anyMatch && message.IndexOf(LogText.TitleMatchFailure) >= 0;
        bool studio = anyMatch && message.IndexOf(LogText.StudioMatchFailure) >= 0;
        bool date = anyMatch && message.IndexOf(LogText.DateMatchFailure) >= 0;
        bool duration = anyMatch && message.IndexOf(LogText.DurationMatchFailure) >= 0;
        bool url = message.StartsWith(LogText.UrlError);

        Counts.LoadFailures += load ? 1 : 0;
        Counts.ModelReadErrors += model ? 1 : 0;
        Counts.NoResults += noResults ? 1 : 0;
        Counts.TitleMatchFailures += title ? 1 : 0;
        Counts.StudioMatchFailures += studio ? 1 : 0;
        Counts.DateMatchFailures += date ? 1 : 0;
        Counts.DurationMatchFailures += duration ? 1 : 0;
        Counts.UrlErrors += url ? 1 : 0;

        // One record is one event; when it matches several rules, the most telling kind names it.
        SignatureKind? kind =
            load ? SignatureKind.Load
            : timedOut ? SignatureKind.Timeout
            : httpCodes > 0 ? SignatureKind.Http
            : model ? SignatureKind.Model
            : noResults ? SignatureKind.NoResults
            : title || studio || date || duration ? SignatureKind.Match
            : url ? SignatureKind.Http
            : null;
        if (kind is null && record.Header.Level < PluginLogLevel.Error)
        {
            return null;
        }

        var failure = _failureEvents.Describe(kind, message, record.HasContinuation ? record.LastNonEmptyContinuationLine() : []);
        if (failure is null)
        {
            return null;
        }

        var timestamp = record.Header.Timestamp;
        return Signatures.TryCount(failure, _agent, timestamp) ?? Signatures.Add(failure, _agent, timestamp, Utf8.Decode(message));
    }

    /// <summary>A crash's example: its message and the traceback's last line.</summary>
    private static string CrashExample(ReadOnlySpan<byte> message, ReadOnlySpan<byte> lastTracebackLine)
    {
        var lastLine = Utf8.Decode(lastTracebackLine);
        return Utf8.Decode(message) + (lastLine.Length > 0 ? " … " + lastLine.Trim() : "");
    }

    /// <summary>Counters that read the whole body: <c>timed out</c> and each distinct <c>HTTP Error NNN</c>.</summary>
    // Per-record path: compiled in full at its first call, since tiering lags on the busy reading threads.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (bool TimedOut, int HttpCodes) CountBodySignals(in RawRecord record, RecordSignals anywhere)
    {
        bool timedOut = (anywhere & RecordSignals.TimedOut) != 0;
        if (timedOut)
        {
            Counts.Timeouts++;
        }

        if ((anywhere & RecordSignals.HttpError) == 0)
        {
            return (timedOut, 0);
        }

        _httpCodesInRecord.Clear();
        RecordText.CollectHttpCodes(record.Message, _httpCodesInRecord);
        RecordText.CollectHttpCodes(record.Continuation, _httpCodesInRecord);
        foreach (int code in _httpCodesInRecord)
        {
            Counts.Increment(Counts.HttpErrors, _httpCodeNames[code] ??= code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (timedOut, _httpCodesInRecord.Count);
    }
}

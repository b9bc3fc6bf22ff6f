namespace PlexImprove.Core.Logs;

/// <summary>
/// One Framework log record: the header line and its continuation lines (tracebacks and other
/// multi-line messages). Timestamps are local times without a zone, exactly as Plex writes them.
/// </summary>
public sealed class LogRecord
{
    public required DateTime Timestamp { get; init; }

    /// <summary>The thread id as written, lowercase hex, possibly negative (<c>-490a0254</c>).</summary>
    public required string ThreadId { get; init; }

    public required PluginLogLevel Level { get; init; }

    /// <summary>The Framework module that logged the record (<c>logkit</c>, <c>agentkit</c>, <c>networking</c> …).</summary>
    public required string Module { get; init; }

    public required int SourceLine { get; init; }

    /// <summary>The text after <c> - </c> with one leading <c>[T:&lt;id&gt;] </c> removed.</summary>
    public required string Message { get; init; }

    public IReadOnlyList<string> ContinuationLines { get; init; } = [];

    /// <summary>The message plus its continuation lines, joined by newlines.</summary>
    public string Body => ContinuationLines.Count == 0 ? Message : Message + "\n" + string.Join('\n', ContinuationLines);
}

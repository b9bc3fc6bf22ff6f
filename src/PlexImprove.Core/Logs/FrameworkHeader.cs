namespace PlexImprove.Core.Logs;

/// <summary>The parsed fields of a record's first line; offsets point into that line's bytes.</summary>
internal readonly struct FrameworkHeader
{
    public required DateTime Timestamp { get; init; }
    public required long ThreadKey { get; init; }
    public required int ThreadStart { get; init; }
    public required int ThreadLength { get; init; }
    public required PluginLogLevel Level { get; init; }
    public required int ModuleStart { get; init; }
    public required int ModuleLength { get; init; }
    public required int SourceLine { get; init; }

    /// <summary>Where the message starts, after <c> - </c> and one optional <c>[T:&lt;id&gt;] </c>.</summary>
    public required int MessageStart { get; init; }
}

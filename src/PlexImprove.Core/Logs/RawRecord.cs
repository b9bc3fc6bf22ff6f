namespace PlexImprove.Core.Logs;

/// <summary>A record as bytes, valid only during the callback that receives it (the buffer is reused).</summary>
internal readonly ref struct RawRecord
{
    public RawRecord(in FrameworkHeader header, ReadOnlySpan<byte> headerLine, ReadOnlySpan<byte> continuation)
    {
        Header = header;
        HeaderLine = headerLine;
        Continuation = continuation;
    }

    public FrameworkHeader Header { get; }

    public ReadOnlySpan<byte> HeaderLine { get; }

    /// <summary>The continuation lines joined by <c>\n</c>; empty when the record is one line.</summary>
    public ReadOnlySpan<byte> Continuation { get; }

    public ReadOnlySpan<byte> Message => HeaderLine[Header.MessageStart..];

    public ReadOnlySpan<byte> ThreadId => HeaderLine.Slice(Header.ThreadStart, Header.ThreadLength);

    public ReadOnlySpan<byte> Module => HeaderLine.Slice(Header.ModuleStart, Header.ModuleLength);

    public bool HasContinuation => !Continuation.IsEmpty;

    /// <summary>The last continuation line with non-white-space content (a traceback's <c>Type: message</c>).</summary>
    public ReadOnlySpan<byte> LastNonEmptyContinuationLine()
    {
        var rest = Continuation;
        while (!rest.IsEmpty)
        {
            int cut = rest.LastIndexOf((byte)'\n');
            var line = rest[(cut + 1)..];
            if (!line.Trim(" \t"u8).IsEmpty)
            {
                return line;
            }

            rest = cut < 0 ? [] : rest[..cut];
        }

        return [];
    }

    public LogRecord ToLogRecord() => new()
    {
        Timestamp = Header.Timestamp,
        ThreadId = Utf8.Decode(ThreadId),
        Level = Header.Level,
        Module = Utf8.Decode(Module),
        SourceLine = Header.SourceLine,
        Message = Utf8.Decode(Message),
        ContinuationLines = Continuation.IsEmpty ? [] : Utf8.Decode(Continuation).Split('\n'),
    };
}

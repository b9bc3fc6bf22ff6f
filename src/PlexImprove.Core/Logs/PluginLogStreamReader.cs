using System.Buffers;
using System.Runtime.CompilerServices;

namespace PlexImprove.Core.Logs;

/// <summary>
/// Streams a plugin log into records with bounded memory: lines are found with vectorised searches in a
/// reused buffer, and only the current record is copied. LF and CRLF are accepted; a line longer than
/// <see cref="MaxLineBytes"/> keeps its first bytes and the rest is skipped; a file still being written
/// is read up to what was there when the reader reached its end.
/// </summary>
internal sealed class PluginLogStreamReader
{
    /// <summary>Longest line kept whole; real logs hold base64 request lines of a few KB, never this.</summary>
    public const int MaxLineBytes = 4 * 1024 * 1024;

    /// <summary>Continuation text kept per record; longer tracebacks lose their middle lines, not their last.</summary>
    public const int MaxContinuationBytes = 256 * 1024;

    private const int InitialBufferBytes = 256 * 1024;

    private readonly IRawRecordSink _sink;
    private readonly Action<long>? _onBytesRead;
    private byte[] _record = new byte[4096];
    private int _headerLength;
    private int _recordLength;
    private FrameworkHeader _header;
    private ParsedDay _day;
    private int _frozenLength = -1;
    private bool _inRecord;
    private long _records;
    private long _unparsedLines;

    public PluginLogStreamReader(IRawRecordSink sink, Action<long>? onBytesRead = null)
    {
        _sink = sink;
        _onBytesRead = onBytesRead;
    }

    // Runs for every line of hundreds of MB, once per process: compiled fully optimised at its first call rather than
    // running precompiled (ReadyToRun) or quickly-jitted code until tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FileReadStats Read(Stream stream, CancellationToken cancellationToken = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        long bytes = 0;

        // A file Plex keeps appending to is read up to its length when we started, or a fast writer would
        // keep the reader busy forever; a last line cut by that limit is read like a truncated record.
        long limit = stream.CanSeek ? stream.Length - stream.Position : long.MaxValue;
        try
        {
            int start = 0, end = 0;
            bool skippingRestOfLine = false;
            while (true)
            {
                var pending = buffer.AsSpan(start, end - start);
                int newline = pending.IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    if (!skippingRestOfLine)
                    {
                        OnLine(pending[..newline]);
                    }

                    skippingRestOfLine = false;
                    start += newline + 1;
                    continue;
                }

                if (start > 0)
                {
                    pending.CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxLineBytes)
                    {
                        if (!skippingRestOfLine)
                        {
                            OnLine(buffer.AsSpan(0, end));
                        }

                        skippingRestOfLine = true;
                        end = 0;
                    }
                    else
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxLineBytes));
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                int wanted = (int)Math.Min(buffer.Length - end, limit - bytes);
                int read = wanted > 0 ? stream.Read(buffer, end, wanted) : 0;
                if (read == 0)
                {
                    if (end > 0 && !skippingRestOfLine)
                    {
                        OnLine(buffer.AsSpan(0, end));
                    }

                    break;
                }

                end += read;
                bytes += read;
                _onBytesRead?.Invoke(read);
            }

            FlushRecord();
            return new FileReadStats(bytes, _records, _unparsedLines);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Runs for every line of hundreds of MB, once per process: compiled fully optimised at its first call rather than
    // running precompiled (ReadyToRun) or quickly-jitted code until tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void OnLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (FrameworkHeaderParser.TryParse(line, ref _day, out var header))
        {
            FlushRecord();
            EnsureCapacity(line.Length);
            line.CopyTo(_record);
            _header = header;
            _headerLength = _recordLength = line.Length;
            _frozenLength = -1;
            _inRecord = true;
            return;
        }

        if (!_inRecord)
        {
            if (!line.Trim(" \t"u8).IsEmpty)
            {
                _unparsedLines++;
            }

            return;
        }

        AppendContinuation(line);
    }

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AppendContinuation(ReadOnlySpan<byte> line)
    {
        // Continuation lines are stored as "\n" + line after the header line.
        if (_frozenLength < 0 && _recordLength - _headerLength + line.Length + 1 > MaxContinuationBytes)
        {
            _frozenLength = _recordLength;
        }

        if (_frozenLength >= 0)
        {
            // Past the cap only the latest line is kept after the frozen prefix: a traceback's exception type is last.
            _recordLength = _frozenLength;
            line = line[..Math.Min(line.Length, MaxContinuationBytes)];
        }

        EnsureCapacity(_recordLength + line.Length + 1);
        _record[_recordLength++] = (byte)'\n';
        line.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += line.Length;
    }

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FlushRecord()
    {
        if (!_inRecord)
        {
            return;
        }

        _inRecord = false;
        _records++;
        var continuation = _recordLength > _headerLength + 1
            ? _record.AsSpan(_headerLength + 1, _recordLength - _headerLength - 1)
            : [];
        var record = new RawRecord(_header, _record.AsSpan(0, _headerLength), continuation);
        _sink.OnRecord(record);
    }

    private void EnsureCapacity(int length)
    {
        if (_record.Length < length)
        {
            Array.Resize(ref _record, Math.Max(length, _record.Length * 2));
        }
    }
}

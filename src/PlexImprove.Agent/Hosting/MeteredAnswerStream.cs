using System.Text;
using System.Text.Json;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// A streamed answer (server-sent events) read through a size cap: the bytes are counted as they pass, the usage the
/// last chunk reports is picked up, and when the stream ends (or is dropped) the answer is counted once.
/// </summary>
internal sealed class MeteredAnswerStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytes;
    private readonly Func<long, Exception> _tooLarge;
    private readonly Action<AnswerUsage?, long> _ended;
    private readonly List<byte> _line = [];
    private AnswerUsage? _usage;
    private long _bytes;
    private bool _done;

    /// <param name="inner">The answer's body.</param>
    /// <param name="maxBytes">The most bytes the answer may have.</param>
    /// <param name="tooLarge">The exception for an answer past the cap (given the bytes read).</param>
    /// <param name="ended">Called once with the usage found (null when none) and the bytes read.</param>
    public MeteredAnswerStream(Stream inner, long maxBytes, Func<long, Exception> tooLarge, Action<AnswerUsage?, long> ended)
    {
        _inner = inner;
        _maxBytes = maxBytes;
        _tooLarge = tooLarge;
        _ended = ended;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Passed(buffer.AsSpan(offset, _inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Passed(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            End();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Passed(ReadOnlySpan<byte> read)
    {
        if (read.Length == 0)
        {
            End();
            return 0;
        }

        _bytes += read.Length;
        if (_bytes > _maxBytes)
        {
            End();
            throw _tooLarge(_bytes);
        }

        foreach (byte b in read)
        {
            if (b != (byte)'\n')
            {
                // A line longer than the cap cannot happen: the whole answer is capped.
                _line.Add(b);
                continue;
            }

            Scan();
            _line.Clear();
        }

        return read.Length;
    }

    /// <summary>An event line <c>data: {…"usage":{…}}</c> carries the usage of the whole answer.</summary>
    private void Scan()
    {
        const string prefix = "data:";
        string line = Encoding.UTF8.GetString([.. _line]).Trim();
        if (!line.StartsWith(prefix, StringComparison.Ordinal) || !line.Contains("\"usage\"", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using var chunk = JsonDocument.Parse(line[prefix.Length..]);
            _usage = AnswerUsage.From(chunk.RootElement) ?? _usage;
        }
        catch (JsonException)
        {
            // Not a usage chunk after all; the answer's reader reports a malformed stream.
        }
    }

    private void End()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _ended(_usage, _bytes);
    }
}

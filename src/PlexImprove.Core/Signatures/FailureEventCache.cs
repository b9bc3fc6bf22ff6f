using System.Buffers.Binary;
using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Signatures;

/// <summary>
/// Remembers how recent failure texts were described, keyed by their bytes. Logs repeat the same failure text
/// thousands of times (the same match failure, the same traceback): a repeat costs a hash and a compare, with nothing
/// decoded nor allocated, while describing one costs several regular expressions. Bounded in entries and in key bytes:
/// cleared when full, so memory stays flat whatever the input.
/// </summary>
internal sealed class FailureEventCache
{
    /// <summary>Key bytes held at most: tracebacks can be long, and thousands of them must not hold gigabytes.</summary>
    public const long MaxKeyBytes = 16L * 1024 * 1024;

    private const int Capacity = 8192;

    private readonly Dictionary<byte[], FailureDescription?> _described = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], FailureDescription?>.AlternateLookup<ReadOnlySpan<byte>> _describedBySpan;
    private readonly Dictionary<byte[], CrashDescription> _crashes = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], CrashDescription>.AlternateLookup<ReadOnlySpan<byte>> _crashesBySpan;
    private byte[] _key = new byte[1024];

    public FailureEventCache()
    {
        _describedBySpan = _described.GetAlternateLookup<ReadOnlySpan<byte>>();
        _crashesBySpan = _crashes.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The bytes of the keys held now.</summary>
    public long KeyBytes { get; private set; }

    /// <summary>
    /// The description of a non-crash record (see <see cref="FailureEventDescriber.Describe"/>), or null when it is
    /// not a failure. <paramref name="lastContinuationLine"/> is empty for a one-line record.
    /// </summary>
    public FailureDescription? Describe(SignatureKind? kind, ReadOnlySpan<byte> message, ReadOnlySpan<byte> lastContinuationLine)
    {
        // kind, the message's length (so message and line cannot trade bytes), the message, the line.
        var key = Key(1 + sizeof(int) + message.Length + lastContinuationLine.Length);
        key[0] = kind is { } k ? (byte)(1 + (int)k) : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(key[1..], message.Length);
        message.CopyTo(key[(1 + sizeof(int))..]);
        lastContinuationLine.CopyTo(key[(1 + sizeof(int) + message.Length)..]);

        if (_describedBySpan.TryGetValue(key, out var known))
        {
            return known;
        }

        var line = lastContinuationLine.IsEmpty ? null : Utf8.Decode(lastContinuationLine);
        known = FailureEventDescriber.Describe(kind, Utf8.Decode(message), string.IsNullOrWhiteSpace(line) ? null : line);
        Remember(key);
        _describedBySpan[key] = known;
        return known;
    }

    /// <summary>The description of an agent crash, keyed by its traceback (the crash message itself varies by item).</summary>
    public CrashDescription Crash(string sessionKind, ReadOnlySpan<byte> traceback, ReadOnlySpan<byte> lastTracebackLine)
    {
        // The kind's name, a separator no name holds, the traceback.
        int nameLength = Encoding.UTF8.GetByteCount(sessionKind);
        var key = Key(nameLength + 1 + traceback.Length);
        Encoding.UTF8.GetBytes(sessionKind, key);
        key[nameLength] = 0;
        traceback.CopyTo(key[(nameLength + 1)..]);
        if (_crashesBySpan.TryGetValue(key, out var known))
        {
            return known;
        }

        var lastLine = Utf8.Decode(lastTracebackLine);
        var failure = FailureEventDescriber.Crash(
            sessionKind, lastLine, traceback.IsEmpty ? null : FailureEventDescriber.InnermostFunction(Utf8.Decode(traceback)));
        known = new CrashDescription(failure, lastLine.Length == 0 ? "Unknown" : FailureEventDescriber.ExceptionType(lastLine));
        Remember(key);
        _crashesBySpan[key] = known;
        return known;
    }

    /// <summary>The reused key buffer, at least <paramref name="length"/> bytes, sliced to it.</summary>
    private Span<byte> Key(int length)
    {
        if (_key.Length < length)
        {
            _key = new byte[Math.Max(length, _key.Length * 2)];
        }

        return _key.AsSpan(0, length);
    }

    private void Remember(ReadOnlySpan<byte> key)
    {
        if (_described.Count + _crashes.Count >= Capacity || KeyBytes + key.Length > MaxKeyBytes)
        {
            _described.Clear();
            _crashes.Clear();
            KeyBytes = 0;
        }

        KeyBytes += key.Length;
    }
}

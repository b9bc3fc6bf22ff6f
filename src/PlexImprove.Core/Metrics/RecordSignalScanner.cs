using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Finds every <see cref="RecordSignals"/> text in one pass over a record's bytes. Searching each text on its own
/// costs a dozen passes per record of hundreds of megabytes; here each 16-byte block is loaded once and every
/// position is tested against all texts at once, by two adjacent bytes of each (its anchor, a pair rare in log
/// lines) looked up in nibble tables, a bit per anchor (the technique known as Teddy). Only a position whose
/// bytes could start an anchor is compared in full, so the result is exactly what a search for each text gives.
/// </summary>
internal sealed class RecordSignalScanner
{
    /// <summary>Bits of a table byte: at most this many distinct anchors, so texts share anchors where they can.</summary>
    private const int Buckets = 8;

    private const byte AsciiCaseBit = 0x20;

    private readonly Needle[] _needles =
    [
        new(LogText.FooterMark, "::", RecordSignals.FooterMark),
        new(LogText.SearchPhaseTag, "::", RecordSignals.PhaseTag),
        new(LogText.UpdatePhaseTag, "::", RecordSignals.PhaseTag),
        new(LogText.NoiseWord, "so", RecordSignals.Resource),
        new(UpdateRequest.FunctionToken, "X0", RecordSignals.UpdateFunction),
        new(LogText.ExceptionWord, "xc", RecordSignals.ExceptionWord),
        new(LogText.TimedOut, " o", RecordSignals.TimedOut, ignoreCase: true),
        new(LogText.HttpError, "TP", RecordSignals.HttpError),
        new(LogText.MatchFailureSuffix, "e!", RecordSignals.MatchFailure),
        new(LogText.ModelReadError, "ot", RecordSignals.ModelReadError),
        new(LogText.NoResults, "ot", RecordSignals.NoResults),
    ];

    // Instance fields, not statics: the per-record methods are compiled before any static constructor runs, and would
    // then check for it on every call.
    private readonly AnchorTables _tables;

    private RecordSignalScanner() => _tables = AnchorTables.Build(_needles);

    /// <summary>The one scanner; it holds no state between calls, so threads share it.</summary>
    public static RecordSignalScanner Instance { get; } = new();

    /// <summary>The signals whose text occurs in <paramref name="text"/>.</summary>
    // Runs twice per record of hundreds of MB, often once per process: compiled in full for this machine's vector
    // instructions at its first call rather than run as quickly-jitted code until tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RecordSignals Find(ReadOnlySpan<byte> text)
    {
        if (text.Length <= Vector128<byte>.Count)
        {
            return FindInShortText(text);
        }

        var tables = _tables;
        var lowNibble = Vector128.Create((byte)0x0F);
        var found = RecordSignals.None;
        ref byte start = ref MemoryMarshal.GetReference(text);
        int lastBlock = text.Length - Vector128<byte>.Count - 1;
        for (int block = 0; ; block += Vector128<byte>.Count)
        {
            // The last block overlaps the one before rather than reading past the end; a text found twice counts once.
            block = Math.Min(block, lastBlock);
            var first = Vector128.LoadUnsafe(ref start, (nuint)block);
            var second = Vector128.LoadUnsafe(ref start, (nuint)block + 1);
            var buckets = Vector128.Shuffle(tables.FirstLow, first & lowNibble)
                & Vector128.Shuffle(tables.FirstHigh, Vector128.ShiftRightLogical(first, 4) & lowNibble)
                & Vector128.Shuffle(tables.SecondLow, second & lowNibble)
                & Vector128.Shuffle(tables.SecondHigh, Vector128.ShiftRightLogical(second, 4) & lowNibble);
            if (buckets != Vector128<byte>.Zero)
            {
                uint candidates = ~Vector128.Equals(buckets, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF;
                found = Confirm(text, block, candidates, found);
            }

            if (block == lastBlock)
            {
                return found;
            }
        }
    }

    /// <summary>Adds the signals of the texts whose anchor starts at a position <paramref name="candidates"/> marks.</summary>
    // Runs for a third of the records: compiled in full at its first call, like Find.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private RecordSignals Confirm(ReadOnlySpan<byte> text, int block, uint candidates, RecordSignals found)
    {
        for (; candidates != 0; candidates &= candidates - 1)
        {
            int anchor = block + BitOperations.TrailingZeroCount(candidates);
            foreach (var needle in _needles)
            {
                if ((found & needle.Signal) == 0 && needle.HasAnchorAt(text, anchor) && needle.OccursAt(text, anchor - needle.AnchorOffset))
                {
                    found |= needle.Signal;
                }
            }
        }

        return found;
    }

    private RecordSignals FindInShortText(ReadOnlySpan<byte> text)
    {
        var found = RecordSignals.None;
        foreach (var needle in _needles)
        {
            for (int at = 0; at + needle.Text.Length <= text.Length && (found & needle.Signal) == 0; at++)
            {
                if (needle.OccursAt(text, at))
                {
                    found |= needle.Signal;
                }
            }
        }

        return found;
    }

    /// <summary>One searched text, and the two adjacent bytes of it that are looked up first.</summary>
    private sealed class Needle
    {
        private readonly bool _ignoreCase;
        private readonly byte _firstCaseBit;
        private readonly byte _secondCaseBit;

        public Needle(ReadOnlySpan<byte> text, string anchor, RecordSignals signal, bool ignoreCase = false)
        {
            Text = text.ToArray();
            Anchor = Encoding.ASCII.GetBytes(anchor);
            Signal = signal;
            _ignoreCase = ignoreCase;
            AnchorOffset = ignoreCase ? IndexOfIgnoreCase(text, Anchor) : text.IndexOf(Anchor);
            if (Anchor.Length != 2 || AnchorOffset < 0)
            {
                throw new ArgumentException($"The anchor '{anchor}' is not two adjacent characters of the text.", nameof(anchor));
            }

            // A letter of a case-blind text is compared with its case bit set on both sides, so either case passes.
            _firstCaseBit = ignoreCase && char.IsAsciiLetter(anchor[0]) ? AsciiCaseBit : (byte)0;
            _secondCaseBit = ignoreCase && char.IsAsciiLetter(anchor[1]) ? AsciiCaseBit : (byte)0;
            Anchor[0] |= _firstCaseBit;
            Anchor[1] |= _secondCaseBit;
        }

        public byte[] Text { get; }

        public byte[] Anchor { get; }

        public int AnchorOffset { get; }

        public RecordSignals Signal { get; }

        /// <summary>The byte values that may stand at anchor position <paramref name="index"/>: both cases of a letter when case does not matter.</summary>
        public IEnumerable<byte> AnchorByteValues(int index)
        {
            byte value = Anchor[index];
            return (index == 0 ? _firstCaseBit : _secondCaseBit) != 0
                ? [(byte)char.ToLowerInvariant((char)value), (byte)char.ToUpperInvariant((char)value)]
                : [value];
        }

        /// <summary>Whether the anchor stands at <paramref name="at"/>, which is before the text's last byte.</summary>
        public bool HasAnchorAt(ReadOnlySpan<byte> text, int at) =>
            (text[at] | _firstCaseBit) == Anchor[0] && (text[at + 1] | _secondCaseBit) == Anchor[1];

        public bool OccursAt(ReadOnlySpan<byte> text, int at)
        {
            if (at < 0 || at > text.Length - Text.Length)
            {
                return false;
            }

            var candidate = text.Slice(at, Text.Length);
            return _ignoreCase ? Ascii.EqualsIgnoreCase(candidate, Text) : candidate.SequenceEqual(Text);
        }

        private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> value)
        {
            for (int at = 0; at + value.Length <= text.Length; at++)
            {
                if (Ascii.EqualsIgnoreCase(text.Slice(at, value.Length), value))
                {
                    return at;
                }
            }

            return -1;
        }
    }

    /// <summary>
    /// For each nibble value, the buckets (one per distinct anchor) of the anchors whose first (second) byte has that
    /// low (high) nibble. Two bytes whose four lookups AND to a non-zero byte may be an anchor.
    /// </summary>
    private sealed record AnchorTables(Vector128<byte> FirstLow, Vector128<byte> FirstHigh, Vector128<byte> SecondLow, Vector128<byte> SecondHigh)
    {
        public static AnchorTables Build(IReadOnlyList<Needle> needles)
        {
            var anchors = needles.Select(n => Encoding.ASCII.GetString(n.Anchor)).Distinct().ToList();
            if (anchors.Count > Buckets)
            {
                throw new InvalidOperationException($"{anchors.Count} distinct anchors for {Buckets} buckets: let texts share anchors.");
            }

            var tables = new byte[4][];
            for (int table = 0; table < tables.Length; table++)
            {
                tables[table] = new byte[Vector128<byte>.Count];
            }

            foreach (var needle in needles)
            {
                byte bucket = (byte)(1 << anchors.IndexOf(Encoding.ASCII.GetString(needle.Anchor)));
                for (int position = 0; position < 2; position++)
                {
                    foreach (byte value in needle.AnchorByteValues(position))
                    {
                        tables[position * 2][value & 0x0F] |= bucket;
                        tables[(position * 2) + 1][value >> 4] |= bucket;
                    }
                }
            }

            return new AnchorTables(
                Vector128.Create(tables[0]), Vector128.Create(tables[1]), Vector128.Create(tables[2]), Vector128.Create(tables[3]));
        }
    }
}

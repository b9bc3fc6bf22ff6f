using System.Buffers.Binary;

namespace PlexImprove.Core.Logs;

/// <summary>
/// The calendar day of the last record line read: its <c>yyyy-MM-dd</c> bytes, already checked, and its ticks. A
/// file's lines share their day almost always, so the date is checked and converted once per day, not per line.
/// </summary>
internal readonly struct ParsedDay
{
    private readonly ulong _yearMonth;
    private readonly ushort _dayOfMonth;

    public ParsedDay(ReadOnlySpan<byte> date, long ticks)
    {
        _yearMonth = BinaryPrimitives.ReadUInt64LittleEndian(date);
        _dayOfMonth = BinaryPrimitives.ReadUInt16LittleEndian(date[8..]);
        Ticks = ticks;
    }

    /// <summary>Midnight of the day.</summary>
    public long Ticks { get; }

    /// <summary>Whether <paramref name="line"/> (at least 10 bytes) starts with this day's date; never for the default value.</summary>
    public bool Holds(ReadOnlySpan<byte> line) =>
        Ticks != 0
        && BinaryPrimitives.ReadUInt64LittleEndian(line) == _yearMonth
        && BinaryPrimitives.ReadUInt16LittleEndian(line[8..]) == _dayOfMonth;
}

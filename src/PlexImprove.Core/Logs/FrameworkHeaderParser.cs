using System.Runtime.CompilerServices;

namespace PlexImprove.Core.Logs;

/// <summary>
/// Recognises a record's first line. Hand-written over UTF-8 bytes because it runs on every line of
/// hundreds of megabytes; it accepts exactly what this regex accepts:
/// <c>^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \((-?[0-9a-f]+)\) :  (DEBUG|INFO|WARNING|ERROR|CRITICAL) \(([^:()]+):(\d+)\) - (.*)$</c>
/// (plus a valid calendar date, so a timestamp always converts).
/// </summary>
internal static class FrameworkHeaderParser
{
    private const int TimestampLength = 23; // yyyy-MM-dd HH:mm:ss,fff

    // Runs for every line of hundreds of MB, once per process: compiled fully optimised at its first call rather than
    // running precompiled (ReadyToRun) or quickly-jitted code until tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> line, out FrameworkHeader header)
    {
        header = default;
        if (line.Length < TimestampLength + 20 || !TryParseTimestamp(line, out var timestamp))
        {
            return false;
        }

        int i = TimestampLength;
        if (line[i++] != (byte)' ' || line[i++] != (byte)'(')
        {
            return false;
        }

        int threadStart = i;
        bool negative = line[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        long threadKey = 0;
        int digitsStart = i;
        while (i < line.Length && HexValue(line[i]) is var v && v >= 0)
        {
            threadKey = unchecked((threadKey << 4) | (uint)v);
            i++;
        }

        if (i == digitsStart || i >= line.Length || line[i] != (byte)')')
        {
            return false;
        }

        int threadLength = i - threadStart;
        i++;
        if (!line[i..].StartsWith(" :  "u8))
        {
            return false;
        }

        i += 4;
        if (!TryParseLevel(line[i..], out var level, out int levelLength))
        {
            return false;
        }

        i += levelLength;
        if (i + 2 >= line.Length || line[i] != (byte)' ' || line[i + 1] != (byte)'(')
        {
            return false;
        }

        i += 2;
        int moduleStart = i;
        while (i < line.Length && line[i] is not ((byte)':' or (byte)'(' or (byte)')'))
        {
            i++;
        }

        // The regex's [^:()]+ is greedy and cannot backtrack past ':', so the first ':' ends the module.
        if (i == moduleStart || i >= line.Length || line[i] != (byte)':')
        {
            return false;
        }

        int moduleLength = i - moduleStart;
        i++;
        int sourceLine = 0;
        int lineDigitsStart = i;
        while (i < line.Length && IsDigit(line[i]))
        {
            sourceLine = unchecked((sourceLine * 10) + (line[i] - '0'));
            i++;
        }

        if (i == lineDigitsStart || !line[i..].StartsWith(") - "u8))
        {
            return false;
        }

        i += 4;
        header = new FrameworkHeader
        {
            Timestamp = timestamp,
            ThreadKey = negative ? -threadKey : threadKey,
            ThreadStart = threadStart,
            ThreadLength = threadLength,
            Level = level,
            ModuleStart = moduleStart,
            ModuleLength = moduleLength,
            SourceLine = sourceLine,
            MessageStart = i + ThreadTagLength(line[i..]),
        };
        return true;
    }

    /// <summary>Length of one leading <c>[T:&lt;id&gt;] </c> tag, or 0.</summary>
    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ThreadTagLength(ReadOnlySpan<byte> message)
    {
        if (!message.StartsWith("[T:"u8))
        {
            return 0;
        }

        int close = message.IndexOf("] "u8);
        return close > 3 && message[3..close].IndexOfAny((byte)'[', (byte)']') < 0 ? close + 2 : 0;
    }

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseTimestamp(ReadOnlySpan<byte> s, out DateTime timestamp)
    {
        timestamp = default;
        if (s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)' ' || s[13] != (byte)':' || s[16] != (byte)':' || s[19] != (byte)',')
        {
            return false;
        }

        if (!TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day)
            || !TryDigits(s, 11, 2, out int hour) || !TryDigits(s, 14, 2, out int minute) || !TryDigits(s, 17, 2, out int second)
            || !TryDigits(s, 20, 3, out int millisecond))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        timestamp = new DateTime(year, month, day, hour, minute, second, millisecond, DateTimeKind.Unspecified);
        return true;
    }

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseLevel(ReadOnlySpan<byte> s, out PluginLogLevel level, out int length)
    {
        (level, length) = s switch
        {
            _ when s.StartsWith("DEBUG"u8) => (PluginLogLevel.Debug, 5),
            _ when s.StartsWith("INFO"u8) => (PluginLogLevel.Info, 4),
            _ when s.StartsWith("WARNING"u8) => (PluginLogLevel.Warning, 7),
            _ when s.StartsWith("ERROR"u8) => (PluginLogLevel.Error, 5),
            _ when s.StartsWith("CRITICAL"u8) => (PluginLogLevel.Critical, 8),
            _ => (PluginLogLevel.Debug, 0),
        };
        return length > 0;
    }

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    // Per-record hot path: fully optimised from its first call, like the loop that calls it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}

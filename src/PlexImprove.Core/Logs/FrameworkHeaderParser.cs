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
    private const int DateLength = 10; // yyyy-MM-dd

    /// <summary>Parses one line on its own.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out FrameworkHeader header)
    {
        var day = default(ParsedDay);
        return TryParse(line, ref day, out header);
    }

    /// <summary>Parses one line of a file, reusing the calendar day of the line before (nearly every line shares it).</summary>
    // Runs for every line of hundreds of MB, once per process: compiled fully optimised at its first call rather than
    // running precompiled (ReadyToRun) or quickly-jitted code until tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> line, ref ParsedDay day, out FrameworkHeader header)
    {
        header = default;
        if (line.Length < TimestampLength + 20 || !TryParseTimestamp(line, ref day, out var timestamp))
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
        for (; i < line.Length; i++)
        {
            // Lower-case hexadecimal only, as the Framework writes thread ids.
            uint digit = line[i] - (uint)'0';
            if (digit > 9)
            {
                digit = line[i] - (uint)'a';
                if (digit > 5)
                {
                    break;
                }

                digit += 10;
            }

            threadKey = unchecked((threadKey << 4) | digit);
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ThreadTagLength(ReadOnlySpan<byte> message)
    {
        if (!message.StartsWith("[T:"u8))
        {
            return 0;
        }

        int close = message.IndexOf("] "u8);
        return close > 3 && message[3..close].IndexOfAny((byte)'[', (byte)']') < 0 ? close + 2 : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseTimestamp(ReadOnlySpan<byte> s, ref ParsedDay day, out DateTime timestamp)
    {
        timestamp = default;
        if (!day.Holds(s) && !TryParseDay(s, ref day))
        {
            return false;
        }

        if (s[10] != (byte)' ' || s[13] != (byte)':' || s[16] != (byte)':' || s[19] != (byte)','
            || !TryTwoDigits(s, 11, out int hour) || !TryTwoDigits(s, 14, out int minute) || !TryTwoDigits(s, 17, out int second)
            || !TryTwoDigits(s, 20, out int hundreds) || !IsDigit(s[22]) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int millisecond = (hundreds * 10) + (s[22] - '0');
        long ticks = day.Ticks + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute)
            + (second * TimeSpan.TicksPerSecond) + (millisecond * TimeSpan.TicksPerMillisecond);
        timestamp = new DateTime(ticks, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Reads and checks a line's <c>yyyy-MM-dd</c>, a real calendar date, and remembers it in <paramref name="day"/>.</summary>
    private static bool TryParseDay(ReadOnlySpan<byte> s, ref ParsedDay day)
    {
        if (s[4] != (byte)'-' || s[7] != (byte)'-' || !TryTwoDigits(s, 0, out int century) || !TryTwoDigits(s, 2, out int yearOfCentury)
            || !TryTwoDigits(s, 5, out int month) || !TryTwoDigits(s, 8, out int dayOfMonth))
        {
            return false;
        }

        int year = (century * 100) + yearOfCentury;
        if (year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        day = new ParsedDay(s[..DateLength], new DateTime(year, month, dayOfMonth).Ticks);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryTwoDigits(ReadOnlySpan<byte> s, int start, out int value)
    {
        uint tens = s[start] - (uint)'0';
        uint ones = s[start + 1] - (uint)'0';
        value = (int)((tens * 10) + ones);
        return tens <= 9 && ones <= 9;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseLevel(ReadOnlySpan<byte> s, out PluginLogLevel level, out int length)
    {
        (level, length) = s.IsEmpty ? (PluginLogLevel.Debug, 0) : s[0] switch
        {
            (byte)'D' when s.StartsWith("DEBUG"u8) => (PluginLogLevel.Debug, 5),
            (byte)'I' when s.StartsWith("INFO"u8) => (PluginLogLevel.Info, 4),
            (byte)'W' when s.StartsWith("WARNING"u8) => (PluginLogLevel.Warning, 7),
            (byte)'E' when s.StartsWith("ERROR"u8) => (PluginLogLevel.Error, 5),
            (byte)'C' when s.StartsWith("CRITICAL"u8) => (PluginLogLevel.Critical, 8),
            _ => (PluginLogLevel.Debug, 0),
        };
        return length > 0;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}

using System.Globalization;
using PlexImprove.Core.Errors;

namespace PlexImprove.Cli.Hosting;

/// <summary>Parses the local times users type for windows: <c>YYYY-MM-DD HH:MM:SS</c> as written in the logs.</summary>
public static class LocalTimeOption
{
    private static readonly string[] Formats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss,fff", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fff", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public static DateTime? Parse(string? text, string optionName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        throw new InvalidInputException($"{optionName} '{text}' is not a local time like '2026-02-05 14:07:12' (YYYY-MM-DD HH:MM:SS, as written in the logs).");
    }
}

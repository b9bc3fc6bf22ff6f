using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// The byte-level searches the counting rules make in a record's text. They run on every record of hundreds
/// of megabytes, so they work on UTF-8 bytes and do not decode or allocate on the common path.
/// </summary>
internal static class RecordText
{
    /// <summary>Plex's start-up resource-hash noise; only asked of texts that contain <see cref="LogText.NoiseWord"/>.</summary>
    public static bool IsNoise(ReadOnlySpan<byte> text) =>
        text.IndexOf(LogText.NoiseResourceHashesUrl) >= 0 || text.IndexOf(LogText.NoiseResourceHashesException) >= 0;

    /// <summary>Adds each <c>HTTP Error NNN</c> status code found in <paramref name="text"/> to <paramref name="codes"/>.</summary>
    public static void CollectHttpCodes(ReadOnlySpan<byte> text, HashSet<int> codes)
    {
        int at;
        while ((at = text.IndexOf(LogText.HttpError)) >= 0)
        {
            text = text[(at + LogText.HttpError.Length)..];
            if (text.Length >= 3 && IsDigit(text[0]) && IsDigit(text[1]) && IsDigit(text[2]) && (text.Length == 3 || !IsDigit(text[3])))
            {
                codes.Add(((text[0] - '0') * 100) + ((text[1] - '0') * 10) + (text[2] - '0'));
            }
        }
    }

    /// <summary>The ratingKey in <c>Searching for matches for {'id': '123', …}</c>.</summary>
    public static string? SearchRatingKey(ReadOnlySpan<byte> message)
    {
        int at = message.IndexOf(LogText.RatingKeyArgument);
        if (at < 0)
        {
            return null;
        }

        var rest = message[(at + LogText.RatingKeyArgument.Length)..];
        int end = rest.IndexOf((byte)'\'');
        return end <= 0 || end > 64 ? null : Utf8.Decode(rest[..end]);
    }

    /// <summary>A hash of the request path, enough to recognise the same request logged twice in a row.</summary>
    public static int RequestPathHash(ReadOnlySpan<byte> message)
    {
        int start = message.IndexOf("/:/plugins/"u8);
        if (start < 0)
        {
            return 0;
        }

        var rest = message[start..];
        int end = rest.IndexOf((byte)' ');
        var hash = default(HashCode);
        hash.AddBytes(end < 0 ? rest : rest[..end]);
        return hash.ToHashCode();
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}

using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace PlexImprove.Core.Logs;

/// <summary>
/// Recovers the item's ratingKey from the Framework's update request line. The arguments travel as the
/// last path segment: Plex's URL-safe base64 (<c>=</c> written as <c>_</c>) of a "cerealizer" dump in which
/// every dictionary value precedes its key, so the ratingKey is the string just before <c>s4\ndbid</c>.
/// </summary>
public static class UpdateRequestDecoder
{
    private static readonly byte[] DbidKey = "s4\ndbid"u8.ToArray();

    private static readonly SearchValues<byte> Base64UrlDigits =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>The <c>dbid</c> argument of an update request message, or null when it is not there.</summary>
    public static string? TryGetRatingKey(ReadOnlySpan<byte> message)
    {
        int marker = message.IndexOf(UpdateRequest.FunctionToken);
        if (marker < 0)
        {
            return null;
        }

        var rest = message[(marker + UpdateRequest.FunctionToken.Length)..];
        int end = rest.IndexOfAny((byte)' ', (byte)'?');
        if (end >= 0)
        {
            rest = rest[..end];
        }

        int lastSlash = rest.TrimEnd((byte)'/').LastIndexOf((byte)'/');
        var segment = rest.TrimEnd((byte)'/')[(lastSlash + 1)..];
        if (segment.IsEmpty || segment.Length > 64 * 1024)
        {
            return null;
        }

        // Plex writes base64 padding '=' as '_', which is also a URL-safe digit: try the padding readings first.
        if (segment.ContainsAnyExcept(Base64UrlDigits))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(segment);
        int trailing = text.Length - text.TrimEnd('_').Length;
        var decoded = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        for (int padding = Math.Min(trailing, 2); padding >= 0; padding--)
        {
            if (Base64Url.TryDecodeFromChars(text.AsSpan(0, text.Length - padding), decoded, out int length))
            {
                return ValueBeforeKey(decoded.AsSpan(0, length));
            }
        }

        return null;
    }

    private static string? ValueBeforeKey(ReadOnlySpan<byte> dump)
    {
        int key = dump.IndexOf(DbidKey);
        if (key <= 0)
        {
            return null;
        }

        // Look back for "s<len>\n<value>" ending exactly at the key.
        for (int start = key - 1; start >= 0 && key - start < 40; start--)
        {
            if (dump[start] != (byte)'s')
            {
                continue;
            }

            int newline = dump[start..key].IndexOf((byte)'\n');
            if (newline <= 1)
            {
                continue;
            }

            var lengthText = dump.Slice(start + 1, newline - 1);
            if (int.TryParse(Encoding.ASCII.GetString(lengthText), out int valueLength) && start + newline + 1 + valueLength == key)
            {
                return Encoding.UTF8.GetString(dump.Slice(start + newline + 1, valueLength));
            }
        }

        return null;
    }
}

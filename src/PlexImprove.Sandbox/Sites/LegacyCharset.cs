using System.Globalization;
using System.Text;

namespace PlexImprove.Sandbox.Sites;

/// <summary>
/// Encodes a page in a single-byte charset the way older sites do: characters the charset has become its bytes, the
/// others numeric character references (<c>&amp;#21315;</c>), which every HTML parser reads back.
/// </summary>
public static class LegacyCharset
{
    /// <summary>The bytes of <paramref name="html"/> in <paramref name="charset"/> (<c>iso-8859-1</c>, <c>us-ascii</c>, <c>utf-8</c> …).</summary>
    public static byte[] Encode(string html, string charset)
    {
        var encoding = Encoding.GetEncoding(charset, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
        var text = new StringBuilder(html.Length);
        for (int i = 0; i < html.Length; i++)
        {
            // A surrogate pair is one character: referenced by its code point.
            int length = char.IsHighSurrogate(html[i]) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]) ? 2 : 1;
            var character = html.AsSpan(i, length);
            if (Fits(encoding, character))
            {
                text.Append(character);
            }
            else
            {
                text.Append("&#").Append(char.ConvertToUtf32(html, i).ToString(CultureInfo.InvariantCulture)).Append(';');
            }

            i += length - 1;
        }

        return encoding.GetBytes(text.ToString());
    }

    private static bool Fits(Encoding encoding, ReadOnlySpan<char> character)
    {
        Span<byte> bytes = stackalloc byte[8];
        int count = encoding.GetBytes(character, bytes);
        Span<char> back = stackalloc char[4];
        int decoded = encoding.GetChars(bytes[..count], back);
        return back[..decoded].SequenceEqual(character);
    }
}

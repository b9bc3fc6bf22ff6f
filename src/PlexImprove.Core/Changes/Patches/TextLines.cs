namespace PlexImprove.Core.Changes.Patches;

/// <summary>Byte-exact line handling: files are never decoded, so non-UTF-8 bytes and CRLF survive an edit.</summary>
public static class TextLines
{
    private static readonly byte[] s_lf = "\n"u8.ToArray();
    private static readonly byte[] s_crlf = "\r\n"u8.ToArray();

    /// <summary>Splits bytes into lines, each keeping its own line ending.</summary>
    public static List<TextLine> Split(ReadOnlyMemory<byte> content)
    {
        var lines = new List<TextLine>();
        var span = content.Span;
        var start = 0;
        while (start < span.Length)
        {
            var newline = span[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                lines.Add(new TextLine(content[start..], ReadOnlyMemory<byte>.Empty));
                break;
            }

            var end = start + newline;
            var hasCr = end > start && span[end - 1] == (byte)'\r';
            var contentEnd = hasCr ? end - 1 : end;
            lines.Add(new TextLine(content[start..contentEnd], content[contentEnd..(end + 1)]));
            start = end + 1;
        }

        return lines;
    }

    /// <summary>The line ending most lines use (CRLF files stay CRLF when lines are added).</summary>
    public static ReadOnlyMemory<byte> DominantEnding(IReadOnlyList<TextLine> lines)
    {
        var crlf = 0;
        var lf = 0;
        foreach (var line in lines)
        {
            if (line.Ending.Length == 2)
            {
                crlf++;
            }
            else if (line.Ending.Length == 1)
            {
                lf++;
            }
        }

        return crlf > lf ? s_crlf : s_lf;
    }

    /// <summary>Joins lines back into bytes.</summary>
    public static byte[] Join(IEnumerable<TextLine> lines)
    {
        using var buffer = new MemoryStream();
        foreach (var line in lines)
        {
            buffer.Write(line.Content.Span);
            buffer.Write(line.Ending.Span);
        }

        return buffer.ToArray();
    }

    /// <summary>Shows a line's bytes for a message (invalid UTF-8 shown as replacement characters, long lines cut).</summary>
    public static string Show(ReadOnlySpan<byte> content)
    {
        var text = System.Text.Encoding.UTF8.GetString(content);
        return text.Length > 120 ? text[..117] + "..." : text;
    }
}

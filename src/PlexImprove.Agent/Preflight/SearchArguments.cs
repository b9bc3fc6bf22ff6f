using System.Globalization;
using System.Text;

namespace PlexImprove.Agent.Preflight;

/// <summary>
/// Reads the keyword arguments the Framework logs at the start of a search
/// (<c>Searching for matches for {'name': 'Caf\xc3\xa9', 'year': 2019, 'filename': '%2Fdata%2F…', 'id': '12'}</c>):
/// a Python 2 dict repr whose text values are UTF-8 byte strings.
/// </summary>
public static class SearchArguments
{
    public const string Marker = "Searching for matches for {";

    /// <summary>The item a logged search worked on, or null when the line holds no search or no name and id.</summary>
    public static PreflightItem? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        int at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var values = ReadDict(line.AsSpan(at + Marker.Length - 1));
        if (!values.TryGetValue("id", out var id) || id is null || !values.TryGetValue("name", out var name) || name is null)
        {
            return null;
        }

        int? year = values.GetValueOrDefault("year") is { } y && int.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var file = values.GetValueOrDefault("filename") is { } f ? Unquote(f) : "";
        // Plex passes an album's search its album and artist, a show's its show, an artist's its artist.
        var type = values.GetValueOrDefault("album") is not null ? "album"
            : values.GetValueOrDefault("show") is not null ? "show"
            : values.GetValueOrDefault("artist") is not null ? "artist" : null;
        return new PreflightItem { RatingKey = id, Name = name, Year = year, File = file, MediaType = type };
    }

    /// <summary>The string, number and None values of a flat dict repr (None as null); nested values are skipped.</summary>
    public static Dictionary<string, string?> ReadDict(ReadOnlySpan<char> text)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        int i = 0;
        if (i >= text.Length || text[i] != '{')
        {
            return values;
        }

        i++;
        while (i < text.Length)
        {
            SkipSpace(text, ref i);
            if (i >= text.Length || text[i] == '}')
            {
                break;
            }

            var key = ReadString(text, ref i);
            SkipSpace(text, ref i);
            if (key is null || i >= text.Length || text[i] != ':')
            {
                break;
            }

            i++;
            SkipSpace(text, ref i);
            string? value;
            if (i < text.Length && text[i] is '\'' or '"')
            {
                value = ReadString(text, ref i);
            }
            else if (i < text.Length && text[i] == 'u' && i + 1 < text.Length && text[i + 1] is '\'' or '"')
            {
                i++;
                value = ReadString(text, ref i);
            }
            else
            {
                int start = i;
                while (i < text.Length && text[i] != ',' && text[i] != '}')
                {
                    i++;
                }

                var raw = text[start..i].Trim().ToString();
                value = raw is "None" ? null : raw.TrimEnd('L');
            }

            values[key] = value;
            SkipSpace(text, ref i);
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
        }

        return values;
    }

    private static string? ReadString(ReadOnlySpan<char> text, ref int i)
    {
        if (i >= text.Length || text[i] is not ('\'' or '"'))
        {
            return null;
        }

        char quote = text[i++];
        var bytes = new List<byte>();
        while (i < text.Length && text[i] != quote)
        {
            char c = text[i++];
            if (c != '\\' || i >= text.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            char e = text[i++];
            switch (e)
            {
                case 'x' when i + 2 <= text.Length && byte.TryParse(text.Slice(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b):
                    bytes.Add(b);
                    i += 2;
                    break;
                case 'u' when i + 4 <= text.Length && int.TryParse(text.Slice(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp):
                    bytes.AddRange(Encoding.UTF8.GetBytes(((char)cp).ToString()));
                    i += 4;
                    break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                default: bytes.AddRange(Encoding.UTF8.GetBytes(e.ToString())); break;
            }
        }

        i++; // the closing quote
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static void SkipSpace(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static string Unquote(string file)
    {
        try
        {
            return Uri.UnescapeDataString(file);
        }
        catch (UriFormatException)
        {
            return file;
        }
    }
}

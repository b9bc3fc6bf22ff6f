using System.Text;
using System.Text.RegularExpressions;

namespace PlexImprove.Core.Signatures;

/// <summary>
/// Turns a failure message into a template so that the same failure across agents and titles is one
/// signature: URLs become <c>&lt;url:host&gt;</c>, file paths <c>&lt;path&gt;</c>, quoted strings and
/// Plex-style titles <c>&lt;s&gt;</c>, hex ids <c>&lt;hex&gt;</c>, numbers <c>&lt;n&gt;</c>. HTTP status
/// codes and errno values are kept: a 403 and a 429 are different failures.
/// </summary>
public static partial class SignatureNormalizer
{
    private const int MaxTemplateLength = 400;

    public static string Normalize(string text)
    {
        var s = CollapseWhitespace(text);
        s = UrlPattern().Replace(s, m => $"<url:{HostOf(m.Groups["url"].Value)}>");
        s = PlexTitlePattern().Replace(s, "<s>");
        s = PathPattern().Replace(s, "<path>");
        s = QuotedPattern().Replace(s, "<s>");
        s = HexPattern().Replace(s, "<hex>");
        s = NumberPattern().Replace(s, "<n>");
        return s.Length <= MaxTemplateLength ? s : s[..MaxTemplateLength] + "…";
    }

    private static string HostOf(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal) + 3;
        int end = url.IndexOfAny(['/', '?', '#', ':'], schemeEnd);
        return end < 0 ? url[schemeEnd..] : url[schemeEnd..end];
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // A quoted URL loses its quotes too: the quotes would otherwise turn it into a plain string.
    [GeneratedRegex(@"(?<q>['""]?)(?<url>\b(?:https?|ftp)://[^\s'""<>]+)\k<q>", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    // "(Studio) - Title (2008)" — how Plex file names (and PGMA messages) carry a film.
    [GeneratedRegex(@"\([^()\r\n]{1,80}\) - [^\r\n]*\(\d{4}\)", RegexOptions.CultureInvariant)]
    private static partial Regex PlexTitlePattern();

    // Absolute POSIX or Windows paths: either up to a file extension (names may hold spaces) or a run of path characters.
    [GeneratedRegex(@"(?:[A-Za-z]:)?[/\\](?:[^/\\\r\n'""<>]+[/\\])+(?:(?:[^/\\\r\n'""<>]|<s>)*?\.[A-Za-z0-9]{1,5}\b|[\w.-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    // A quote opens after a non-word character and closes before one, so "'L'Homme'" is one string.
    [GeneratedRegex(@"(?<!\w)'[^\r\n]{0,300}?'(?!\w)|""[^""\r\n]{0,300}""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b|\b0x[0-9a-fA-F]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();

    // Numbers, except a status code after "HTTP Error " and an errno after "Errno ".
    [GeneratedRegex(@"(?<!HTTP Error |Errno |<)\b\d+(?:[.,:]\d+)*\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}

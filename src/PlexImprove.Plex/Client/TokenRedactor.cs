using System.Text.RegularExpressions;

namespace PlexImprove.Plex.Client;

/// <summary>
/// Removes the Plex token from any text that can reach a log, a report, an exception message or a state file:
/// the literal token wherever it appears, and any <c>X-Plex-Token=…</c> query value.
/// </summary>
public sealed partial class TokenRedactor
{
    /// <summary>What a token is replaced with.</summary>
    public const string Mask = "<redacted>";

    private readonly string? _token;

    public TokenRedactor(string? token) => _token = string.IsNullOrEmpty(token) ? null : token;

    /// <summary>A redactor that only masks <c>X-Plex-Token=</c> query values.</summary>
    public static TokenRedactor QueryOnly { get; } = new(null);

    /// <summary>The text with every token masked; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (_token is not null)
        {
            text = text.Replace(_token, Mask, StringComparison.Ordinal);
            string escaped = Uri.EscapeDataString(_token);
            if (!string.Equals(escaped, _token, StringComparison.Ordinal))
            {
                text = text.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }

        return TokenQuery().Replace(text, "${name}=" + Mask);
    }

    [GeneratedRegex(@"(?<name>X-Plex-Token)=(?!<redacted>)[^&\s""'#<>]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenQuery();
}

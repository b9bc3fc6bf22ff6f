using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PlexImprove.Core.Redaction;

/// <summary>
/// The one redactor: masks secrets in every text sent to the model or an MCP client and every text this program
/// writes. It masks the values it knows (the Plex token, API keys, the MCP bearer token, research secrets, also
/// URL-escaped) wherever they appear, plus anything shaped like a secret: <c>X-Plex-Token=…</c> / <c>X-Plex-Token: …</c>,
/// <c>PlexOnlineToken="…"</c> (Plex's Preferences.xml), <c>Bearer …</c>, <c>sk-…</c> keys and JSON fields named
/// <c>api_key</c>, <c>token</c>, <c>authorization</c> or <c>password</c>. Every instance also masks the values the
/// process registered with <see cref="Remember"/>, so a text cannot leave through a redactor that was made earlier.
/// </summary>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "<redacted>";

    // Shorter values would mask ordinary words; real tokens are far longer.
    private const int MinimumLength = 6;

    private static readonly Lock RememberLock = new();
    private static string[] _remembered = [];

    private readonly string[] _secrets;

    /// <param name="secrets">Known secret values; null, blank and very short ones are ignored.</param>
    public SecretRedactor(IEnumerable<string?> secrets) => _secrets = Prepare(secrets);

    /// <summary>A redactor that knows no value of its own: it masks the remembered values and the secret-shaped text.</summary>
    public static SecretRedactor Shared { get; } = new([]);

    /// <summary>
    /// Adds values every redactor of this process masks from now on (the command line registers the secrets it
    /// loaded, before anything is read or written).
    /// </summary>
    public static void Remember(IEnumerable<string?> secrets)
    {
        lock (RememberLock)
        {
            _remembered = Prepare([.. _remembered, .. secrets]);
        }
    }

    /// <summary>The text with every secret masked; null stays null. Masking twice changes nothing.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = ReplaceKnown(text, _secrets);
        text = ReplaceKnown(text, Volatile.Read(ref _remembered));
        text = PlexTokenField().Replace(text, m => m.Groups["name"].Value + Mask);
        text = MaskTokenAttributes(text);
        text = Bearer().Replace(text, m => m.Groups["name"].Value + Mask);
        text = OpenAiKey().Replace(text, Mask);
        return KeyField().Replace(text, m => m.Groups["name"].Value + Mask + "\"");
    }

    /// <summary>Masks the values of XML attributes named …Token (<c>PlexOnlineToken="…"</c>).</summary>
    internal static string MaskTokenAttributes(string text) => TokenAttribute().Replace(text, m => m.Groups["name"].Value + Mask);

    private static string ReplaceKnown(string text, string[] secrets)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static string[] Prepare(IEnumerable<string?> secrets) =>
        [.. secrets
            .Where(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length >= MinimumLength)
            .Select(s => s!.Trim())
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)];

    // X-Plex-Token=…, X-Plex-Token: …, 'X-Plex-Token': '…' (query strings, headers, Python dictionaries).
    [GeneratedRegex("""(?<name>X-Plex-Token["']?\s*[=:]\s*["']?)(?!<redacted>)[^&\s"'#<>,;)}\]]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlexTokenField();

    // PlexOnlineToken="…" and other XML attributes named …Token (Preferences.xml). The search starts from the literal
    // "Token" instead of trying a run of letters at every position (which made this one pattern cost more than all the
    // others together); the letters before it are checked by a lookbehind only once "=" follows, so a run of letters is
    // read back once at most, and a text of "TokenTokenToken…" stays linear.
    [GeneratedRegex("""(?<name>Token(?=\s*=\s*")(?<=\b[A-Za-z]*Token)\s*=\s*")(?!<redacted>)[^"]+""", RegexOptions.CultureInvariant)]
    private static partial Regex TokenAttribute();

    [GeneratedRegex("""(?<name>\bBearer\s+)(?!<redacted>)[A-Za-z0-9._~+/=\-]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Bearer();

    [GeneratedRegex("""\bsk-[A-Za-z0-9_\-]{16,}""", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"(?<name>""(?:api[_-]?key|token|authorization|password)""\s*:\s*"")(?!<redacted>"")[^""]*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyField();
}

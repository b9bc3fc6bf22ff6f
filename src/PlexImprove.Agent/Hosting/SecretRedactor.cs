using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Hosting;

/// <summary>
/// Removes secrets from text bound for a transcript or a log: the known values (API key, Plex token) wherever
/// they appear, and anything shaped like one (<c>X-Plex-Token=…</c>, <c>Bearer …</c>, <c>sk-…</c>, <c>"api_key": "…"</c>).
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly string[] _secrets;

    /// <param name="secrets">Known secret values; null, empty and very short ones are ignored (they would mask ordinary text).</param>
    public SecretRedactor(IEnumerable<string?> secrets) =>
        _secrets = [.. secrets.Where(s => s is { Length: >= 6 }).Select(s => s!).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public static SecretRedactor None { get; } = new([]);

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = PlexToken().Replace(text, m => m.Groups[1].Value + Mask);
        text = Bearer().Replace(text, "Bearer " + Mask);
        text = OpenAiKey().Replace(text, Mask);
        return KeyField().Replace(text, m => m.Groups[1].Value + Mask + "\"");
    }

    [GeneratedRegex("(X-Plex-Token[=:\"\\s]+)[A-Za-z0-9_\\-]+", RegexOptions.IgnoreCase)]
    private static partial Regex PlexToken();

    [GeneratedRegex("Bearer\\s+[A-Za-z0-9._\\-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex("\\bsk-[A-Za-z0-9_\\-]{16,}")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex("(\"(?:api[_-]?key|token|authorization|password)\"\\s*:\\s*\")[^\"]*\"", RegexOptions.IgnoreCase)]
    private static partial Regex KeyField();
}

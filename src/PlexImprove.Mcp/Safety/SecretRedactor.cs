namespace PlexImprove.Mcp.Safety;

/// <summary>
/// Masks the secrets this server knows (the Plex token, API keys, the MCP bearer token) in every text it sends:
/// tool results, error messages, prompts and resources. Agent code or a log line can quote a token; a client must
/// never see it.
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "<redacted>";

    // Shorter secrets would mask ordinary words; real tokens are far longer.
    private const int MinimumLength = 6;

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        _secrets = secrets
            .Where(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length >= MinimumLength)
            .Select(s => s!.Trim())
            .SelectMany(s => new[] { s, Uri.EscapeDataString(s) })
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    /// <summary>A redactor that knows no secret (text passes unchanged).</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>The text with every known secret masked.</summary>
    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}

using System.Globalization;
using System.Text;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// A provider ratingKey: the agent's own id, reversibly, within <c>[a-zA-Z0-9_-]</c>, and for TV the season and
/// episode below it. An id of letters and digits is kept as it is (<c>i</c> + id); any other id is written as the
/// hexadecimal of its UTF-8 bytes (<c>x</c> + hex), so <c>_</c> stays free to separate <c>_s1</c> and <c>_e2</c>.
/// </summary>
public sealed record ProviderRatingKey(string AgentId, int? Season = null, int? Episode = null)
{
    /// <summary>Longest agent id a ratingKey carries (an id is a site's key, not a document).</summary>
    public const int MaxAgentIdLength = 512;

    /// <summary>The type this key names below a TV show: <c>show</c>, <c>season</c> or <c>episode</c>.</summary>
    public string TvType => Episode is not null ? "episode" : Season is not null ? "season" : "show";

    /// <summary>The show (or movie) this key belongs to.</summary>
    public ProviderRatingKey Top => this with { Season = null, Episode = null };

    public string Encode()
    {
        var text = new StringBuilder(IsPlain(AgentId) ? "i" + AgentId : "x" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(AgentId)));
        if (Season is { } season)
        {
            text.Append("_s").Append(season.ToString(CultureInfo.InvariantCulture));
            if (Episode is { } episode)
            {
                text.Append("_e").Append(episode.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public override string ToString() => Encode();

    /// <summary>Reads a ratingKey this provider wrote; false for anything else (the caller answers 400).</summary>
    public static bool TryParse(string? text, out ProviderRatingKey key)
    {
        key = new ProviderRatingKey("");
        if (string.IsNullOrEmpty(text) || text.Length > 2 * MaxAgentIdLength + 32)
        {
            return false;
        }

        var parts = text.Split('_');
        if (parts.Length > 3 || !TryReadId(parts[0], out var id))
        {
            return false;
        }

        int? season = null, episode = null;
        if (parts.Length > 1)
        {
            if (!TryReadIndex(parts[1], 's', out var s))
            {
                return false;
            }

            season = s;
        }

        if (parts.Length > 2)
        {
            if (!TryReadIndex(parts[2], 'e', out var e))
            {
                return false;
            }

            episode = e;
        }

        key = new ProviderRatingKey(id, season, episode);

        // Only the one spelling Encode writes is accepted, so a ratingKey and an item are one to one.
        return string.Equals(key.Encode(), text, StringComparison.Ordinal);
    }

    private static bool TryReadId(string part, out string id)
    {
        id = "";
        if (part.Length < 2)
        {
            return false;
        }

        var body = part[1..];
        switch (part[0])
        {
            case 'i' when IsPlain(body):
                id = body;
                return true;
            case 'x' when body.Length % 2 == 0 && body.All(char.IsAsciiHexDigitLower):
                try
                {
                    id = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromHexString(body));
                    return id.Length is > 0 and <= MaxAgentIdLength;
                }
                catch (ArgumentException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    private static bool TryReadIndex(string part, char prefix, out int index)
    {
        index = 0;
        return part.Length is > 1 and <= 7 && part[0] == prefix && part[1..].All(char.IsAsciiDigit)
            && int.TryParse(part.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static bool IsPlain(string id) => id.Length is > 0 and <= MaxAgentIdLength && id.All(char.IsAsciiLetterOrDigit);
}

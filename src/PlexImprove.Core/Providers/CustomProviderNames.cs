namespace PlexImprove.Core.Providers;

/// <summary>
/// How a legacy agent is named when it is served as a Plex Custom Metadata Provider: after its identifier's last part,
/// in lower case letters and digits (<c>com.plexapp.agents.FestivalDB</c> → <c>festivaldb</c>). The provider's
/// identifier and the scheme of every guid it writes (<c>tv.plex.agents.custom.festivaldb</c>) then follow from the
/// agent's identifier alone, which is all the plug-in logs and the active test know; a bundle's folder name may differ.
/// A bundle serving movies and TV gets <c>.tv</c> on its TV provider, and a name taken twice gets <c>.2</c>, <c>.3</c>…
/// </summary>
public static class CustomProviderNames
{
    /// <summary>What every custom provider's identifier starts with.</summary>
    public const string IdentifierPrefix = "tv.plex.agents.custom.";

    /// <summary>The provider name of <paramref name="agentIdentifier"/> (<c>agent</c> when its last part holds no letter or digit).</summary>
    public static string For(string agentIdentifier)
    {
        ArgumentNullException.ThrowIfNull(agentIdentifier);
        var lastPart = agentIdentifier[(agentIdentifier.LastIndexOf('.') + 1)..];
        var name = new string([.. lastPart.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return name.Length == 0 ? "agent" : name;
    }

    /// <summary>
    /// Whether <paramref name="guid"/> was written by a provider serving <paramref name="agentIdentifier"/>: its scheme is
    /// the provider's identifier, perhaps with a <c>.tv</c> or <c>.N</c> suffix (case-insensitive, as Plex compares).
    /// </summary>
    public static bool IsGuidOf(string guid, string agentIdentifier)
    {
        ArgumentNullException.ThrowIfNull(guid);
        var provider = IdentifierPrefix + For(agentIdentifier);
        int schemeEnd = guid.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd >= provider.Length
            && guid.StartsWith(provider, StringComparison.OrdinalIgnoreCase)
            && (schemeEnd == provider.Length || guid[provider.Length] == '.');
    }
}

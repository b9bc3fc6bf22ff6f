using PlexImprove.Core.Providers;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// One legacy agent served as a provider: the bundle, the agent class it serves (<c>movie</c> or <c>show</c>), and
/// where it lives (<c>/&lt;ShortName&gt;</c>, identifier <c>tv.plex.agents.custom.&lt;ShortName&gt;</c>).
/// </summary>
public sealed record ProviderAgent(PluginBundle Bundle, string ShortName, string Kind, string Title)
{
    /// <summary>The provider's identifier, also the scheme of its GUIDs.</summary>
    public string Identifier => CustomProviderNames.IdentifierPrefix + ShortName;

    /// <summary>The Plex metadata types the provider declares: movie 1; TV 2 (show), 3 (season), 4 (episode).</summary>
    public IReadOnlyList<int> Types => Kind == SectionType.Show ? [2, 3, 4] : [1];

    /// <summary>The GUID Plex stores for an item: <c>{identifier}://{type}/{ratingKey}</c>.</summary>
    public string GuidOf(string type, ProviderRatingKey key) => $"{Identifier}://{type}/{key.Encode()}";
}

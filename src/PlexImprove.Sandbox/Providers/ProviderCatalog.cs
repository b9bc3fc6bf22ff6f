using PlexImprove.Core.Providers;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// Which bundles of a Plug-ins folder are served, and under which names (<see cref="CustomProviderNames"/>): every
/// bundle whose code loads and defines a movie or TV agent class. A bundle with both gets two providers (<c>/name</c> for movies, <c>/name.tv</c> for TV),
/// since Plex recommends one parent type per provider.
/// </summary>
public sealed class ProviderCatalog
{
    private readonly Dictionary<string, ProviderAgent> _byShortName;

    private ProviderCatalog(IReadOnlyList<ProviderAgent> agents, IReadOnlyList<string> skipped)
    {
        Agents = agents;
        Skipped = skipped;
        _byShortName = agents.ToDictionary(a => a.ShortName, StringComparer.Ordinal);
    }

    public IReadOnlyList<ProviderAgent> Agents { get; }

    /// <summary>Bundles not served and why (their code did not load, or they serve music or photos only).</summary>
    public IReadOnlyList<string> Skipped { get; }

    public ProviderAgent? Find(string shortName) => _byShortName.GetValueOrDefault(shortName);

    /// <summary>Starts every bundle's plug-in (as Plex loads an agent) and names a provider for each agent class it defines.</summary>
    public static async Task<ProviderCatalog> LoadAsync(IReadOnlyList<PluginBundle> bundles, PluginHost plugins, CancellationToken ct)
    {
        var agents = new List<ProviderAgent>();
        var skipped = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var bundle in bundles)
        {
            PluginProcess process;
            try
            {
                process = await plugins.GetAsync(bundle.Identifier, ct).ConfigureAwait(false);
            }
            catch (PluginUnavailableException e)
            {
                skipped.Add($"{bundle.Identifier}: {e.Message}");
                continue;
            }

            if (!process.Loaded)
            {
                skipped.Add($"{bundle.Identifier}: its code did not load ({process.LoadError}); its plug-in log says why.");
                continue;
            }

            var kinds = new List<string>();
            if (process.MediaTypes.Contains("Movie"))
            {
                kinds.Add(SectionType.Movie);
            }

            if (process.MediaTypes.Contains("TV_Show"))
            {
                kinds.Add(SectionType.Show);
            }

            if (kinds.Count == 0)
            {
                skipped.Add($"{bundle.Identifier}: it serves {string.Join(", ", process.MediaTypes)}, which a provider cannot declare (movie and TV only).");
                continue;
            }

            agents.AddRange(Name(bundle, kinds, taken));
        }

        return new ProviderCatalog(agents, skipped);
    }

    /// <summary>
    /// The catalogue of a box whose sections name their agents' kinds (<see cref="Scenarios.SectionSpec.SelfProvider"/>):
    /// named as <see cref="LoadAsync"/> names them, without starting any plug-in, so an agent whose code does not load
    /// yet is still served (its calls fail until a fix loads, as the agent's refreshes fail in Plex).
    /// </summary>
    /// <param name="served">Each bundle with the kinds (<c>movie</c>, <c>show</c>) its sections need.</param>
    public static ProviderCatalog Of(IEnumerable<(PluginBundle Bundle, IReadOnlyList<string> Kinds)> served)
    {
        ArgumentNullException.ThrowIfNull(served);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return new ProviderCatalog([.. served.SelectMany(s => Name(s.Bundle, s.Kinds, taken))], []);
    }

    private static IEnumerable<ProviderAgent> Name(PluginBundle bundle, IReadOnlyList<string> kinds, HashSet<string> taken)
    {
        var baseName = CustomProviderNames.For(bundle.Identifier);
        foreach (var kind in kinds)
        {
            var name = kinds.Count > 1 && kind == SectionType.Show ? baseName + ".tv" : baseName;
            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = $"{name}.{n}";
            }

            var title = Path.GetFileNameWithoutExtension(bundle.Path) + (kinds.Count > 1 ? (kind == SectionType.Show ? " (TV)" : " (movies)") : "");
            yield return new ProviderAgent(bundle, unique, kind, title);
        }
    }
}

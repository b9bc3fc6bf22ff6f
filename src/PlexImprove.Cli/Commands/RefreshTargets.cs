using PlexImprove.Core.Commands;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Client;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// The items <c>refresh</c> works on: the given ratingKeys, or every item of the named sections, of the sections an
/// agent serves, or of the whole library — so a baseline needs no loop over <c>plex items</c>.
/// </summary>
public sealed class RefreshTargets
{
    public required IReadOnlyList<string> Items { get; init; }

    public required IReadOnlyList<string> Sections { get; init; }

    /// <summary>Full agent identifiers (<c>com.plexapp.agents.NAME</c>).</summary>
    public required IReadOnlyList<string> Agents { get; init; }

    public required bool All { get; init; }

    /// <summary>Exit 2 unless exactly one way of choosing items is given (<c>--agent</c> may narrow <c>--all</c>).</summary>
    public void Validate()
    {
        int ways = (Items.Count > 0 ? 1 : 0) + (Sections.Count > 0 ? 1 : 0) + (All || Agents.Count > 0 ? 1 : 0);
        if (ways != 1 || Items.Any(string.IsNullOrWhiteSpace) || Sections.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidInputException(
                $"Say which items to refresh, one way: --item KEY…, --section ID…, --agent NAME… or --all (sections: '{PrintedCommand.Of("plex status")}', items: '{PrintedCommand.Of("plex items --section ID")}').");
        }
    }

    /// <summary>The ratingKeys to refresh, each once, in library order; exit 2 for an unknown section or an agent no section uses.</summary>
    public async Task<IReadOnlyList<string>> ResolveAsync(PlexClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        Validate();
        if (Items.Count > 0)
        {
            return [.. Items.Distinct(StringComparer.Ordinal)];
        }

        var sections = await client.GetSectionsAsync(cancellationToken).ConfigureAwait(false);
        var known = string.Join(", ", sections.Select(s => $"{s.Key} ({s.Title}, {s.Agent})"));
        foreach (var id in Sections.Where(id => sections.All(s => s.Key != id)))
        {
            throw new InvalidInputException($"The server has no section '{id}'. Its sections: {(known.Length == 0 ? "none" : known)}.");
        }

        foreach (var agent in Agents.Where(a => sections.All(s => s.Agent != a)))
        {
            throw new InvalidInputException($"No section of the server uses the agent '{agent}'. Its sections: {(known.Length == 0 ? "none" : known)}.");
        }

        var chosen = sections.Where(s => Sections.Count > 0 ? Sections.Contains(s.Key) : Agents.Count == 0 || (s.Agent is { } a && Agents.Contains(a)));
        var keys = new List<string>();
        foreach (var section in chosen)
        {
            keys.AddRange((await client.GetSectionItemsAsync(section.Key, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(i => i.RatingKey));
        }

        return keys.Count > 0 ? [.. keys.Distinct(StringComparer.Ordinal)] : throw new InvalidInputException("The chosen sections hold no item to refresh.");
    }
}

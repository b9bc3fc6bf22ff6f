namespace PlexImprove.Core.Metrics;

/// <summary>
/// Agent names as people type them: the full identifier (<c>com.plexapp.agents.AEBN</c>) or its last part
/// (<c>AEBN</c>, any case). One rule for every command and tool, so a short name finds what the full one finds.
/// </summary>
public static class AgentNames
{
    /// <summary>The known identifiers <paramref name="wanted"/> names: itself, or those ending with <c>.wanted</c>.</summary>
    public static IReadOnlyList<string> Matching(string wanted, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var name = (wanted ?? "").Trim();
        if (name.Length == 0)
        {
            return [];
        }

        var identifiers = known.ToList();
        var exact = identifiers.Where(a => string.Equals(a, name, StringComparison.Ordinal)).ToList();
        return exact.Count > 0
            ? exact
            : identifiers.Where(a => a.EndsWith("." + name, StringComparison.OrdinalIgnoreCase) || string.Equals(a, name, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>
    /// Each wanted name replaced by the identifiers it names; a name that names none is kept as given, so the caller
    /// can say that nothing was found for it.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> wanted, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var identifiers = known.ToList();
        var resolved = new List<string>();
        foreach (var name in wanted)
        {
            var matches = Matching(name, identifiers);
            foreach (var agent in matches.Count > 0 ? matches : [name.Trim()])
            {
                if (!resolved.Contains(agent, StringComparer.Ordinal))
                {
                    resolved.Add(agent);
                }
            }
        }

        return resolved;
    }
}

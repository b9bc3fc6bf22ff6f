namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>One confirmed case: on the search page at <paramref name="Url"/> the site lists <paramref name="Site"/> for <paramref name="Searched"/>.</summary>
internal sealed record TitleEvidence(string Url, string Searched, string Site, IReadOnlyList<string> Differences);

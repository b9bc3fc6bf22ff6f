namespace PlexImprove.Agent.Brains.Playbook.Selectors;

/// <summary>One healed selector: the old expression, the union that reads both layouts, what it matched on the page now served.</summary>
public sealed record HealedSelector(XPathCall Call, string Union, string Role, int Matches, string FirstMatch);

using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>Fix ids of the playbook: the rule's name and the agent's short name (<c>http-403-headers-films</c> for <c>com.plexapp.agents.Films</c>).</summary>
public static partial class FixIds
{
    public static string For(string rule, string agent) => rule + "-" + Safe().Replace(ShortName(agent).ToLowerInvariant(), "-");

    /// <summary>The last part of <c>com.plexapp.agents.X</c>.</summary>
    public static string ShortName(string agent) => agent[(agent.LastIndexOf('.') + 1)..];

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex Safe();
}

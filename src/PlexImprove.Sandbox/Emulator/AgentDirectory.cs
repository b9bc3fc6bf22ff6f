using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// Plex's agent directory as agents read it from their server: <c>GET /system/agents</c> (every agent with its media
/// types) and <c>GET /system/agents/{identifier}/config/{mediaType}</c> (a primary agent, then the agents that
/// contribute to it for that media type, each enabled). A subtitle agent reads both at start-up to learn which
/// sections it serves. The box lists the agents of the plug-ins that have loaded: it starts plug-ins when first
/// needed, where Plex starts them all with the server.
/// </summary>
public static class AgentDirectory
{
    /// <summary>Plex's number for a Framework media type (<c>Movie</c> → 1, <c>TV_Show</c> → 2 …).</summary>
    public static int MediaTypeNumber(string frameworkType) => frameworkType switch
    {
        "TV_Show" => 2,
        "Artist" => 8,
        "Album" => 9,
        "Photo" => 13,
        _ => 1,
    };

    /// <summary>The Framework media type Plex's number names (2 → <c>TV_Show</c>); <c>Movie</c> for any other.</summary>
    public static string FrameworkTypeOf(int mediaType) => mediaType switch
    {
        2 => "TV_Show",
        8 => "Artist",
        9 => "Album",
        13 => "Photo",
        _ => "Movie",
    };

    /// <summary>The container of <c>GET /system/agents</c>: one <c>Agent</c> per agent class of the loaded plug-ins.</summary>
    public static PlexNode List(IEnumerable<PluginProcess> loaded)
    {
        var container = new PlexNode("MediaContainer");
        var count = 0;
        foreach (var plugin in loaded.OrderBy(p => p.Bundle.Identifier, StringComparer.Ordinal))
        {
            foreach (var agent in plugin.Agents)
            {
                var node = AgentNode(plugin.Bundle.Identifier, agent);
                foreach (var type in agent.MediaTypes)
                {
                    node.Add(new PlexNode("MediaType").Set("name", SectionType.FromFrameworkType(type)).Set("mediaType", MediaTypeNumber(type)));
                }

                container.Add(node);
                count++;
            }
        }

        return container.Set("size", count);
    }

    /// <summary>
    /// The container of <c>GET /system/agents/{primary}/config/{mediaType}</c>: the primary agent, then its contributing
    /// agents in the order they run, all enabled (the box has no setting to untick one).
    /// </summary>
    public static PlexNode Config(PluginProcess primary, IReadOnlyList<PluginProcess> contributors, string frameworkType)
    {
        var container = new PlexNode("MediaContainer");
        var count = 0;
        foreach (var plugin in contributors.Prepend(primary))
        {
            var agent = plugin.AgentFor(frameworkType);
            if (agent is not null)
            {
                container.Add(AgentNode(plugin.Bundle.Identifier, agent).Set("enabled", 1));
                count++;
            }
        }

        return container.Set("size", count);
    }

    private static PlexNode AgentNode(string identifier, PluginAgentInfo agent) => new PlexNode("Agent")
        .Set("hasAttribution", false).Set("hasPrefs", false).Set("identifier", identifier)
        .Set("primary", agent.PrimaryProvider).Set("name", agent.Name);
}

using System.Text.Json.Serialization;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Loop.State;

/// <summary>
/// Success per agent as last measured: each agent keeps the figures of the latest window that saw it work, so an
/// agent nobody touched keeps its earlier figures instead of dropping out.
/// </summary>
public sealed class MetricsSnapshot
{
    [JsonPropertyName("agents")] public SortedDictionary<string, AgentRate> Agents { get; init; } = new(StringComparer.Ordinal);

    /// <summary>All targeted agents together: the sum of their succeeded over the sum of their started.</summary>
    [JsonPropertyName("overall")] public AgentRate Overall { get; init; } = AgentRate.Of(0, 0, 0);

    /// <summary>This snapshot updated with the agents a new window saw.</summary>
    public MetricsSnapshot With(MetricsDocument window, int iteration, IReadOnlyCollection<string> targets)
    {
        var agents = new SortedDictionary<string, AgentRate>(Agents, StringComparer.Ordinal);
        foreach (var (agent, counts) in window.Agents)
        {
            if (counts.Started > 0 && (targets.Count == 0 || targets.Contains(agent)))
            {
                agents[agent] = AgentRate.Of(counts.Succeeded, counts.Started, iteration);
            }
        }

        return new MetricsSnapshot
        {
            Agents = agents,
            Overall = AgentRate.Of(agents.Values.Sum(a => a.Succeeded), agents.Values.Sum(a => a.Started), iteration),
        };
    }
}

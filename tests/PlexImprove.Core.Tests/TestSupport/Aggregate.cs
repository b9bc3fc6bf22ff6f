using PlexImprove.Core.Metrics;

namespace PlexImprove.Core.Tests.TestSupport;

/// <summary>Runs the aggregator over files written into a temporary logs folder.</summary>
public static class Aggregate
{
    public static AggregationResult Files(params (string Name, PluginLogBuilder Log)[] files) => Files(null, null, files);

    public static AggregationResult Files(DateTime? since, DateTime? until, params (string Name, PluginLogBuilder Log)[] files) =>
        Files(since, until, new Dictionary<string, AgentWindow>(), files);

    public static AggregationResult Files(DateTime? since, DateTime? until, IReadOnlyDictionary<string, AgentWindow> agentWindows, params (string Name, PluginLogBuilder Log)[] files)
    {
        using var dir = new TempDirectory();
        foreach (var (name, log) in files)
        {
            log.WriteTo(dir.File(name));
        }

        return new LogAggregator().Aggregate(new AggregationRequest { LogsDir = dir.Path, Since = since, Until = until, AgentWindows = agentWindows, CollectSessions = true });
    }

    public static Counts Single(PluginLogBuilder log, string agent = "com.plexapp.agents.AEBN") =>
        Files((agent + ".log", log)).Metrics.Agents[agent];
}

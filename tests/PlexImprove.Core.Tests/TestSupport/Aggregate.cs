using PlexImprove.Core.Metrics;

namespace PlexImprove.Core.Tests.TestSupport;

/// <summary>Runs the aggregator over files written into a temporary logs folder.</summary>
public static class Aggregate
{
    public static AggregationResult Files(params (string Name, PluginLogBuilder Log)[] files) => Files(null, null, files);

    public static AggregationResult Files(DateTime? since, DateTime? until, params (string Name, PluginLogBuilder Log)[] files) =>
        Files(since, until, new Dictionary<string, AgentWindow>(), files);

    public static AggregationResult Files(DateTime? since, DateTime? until, IReadOnlyDictionary<string, AgentWindow> agentWindows, params (string Name, PluginLogBuilder Log)[] files) =>
        Files(since, until, agentWindows, collectSessions: true, files);

    /// <summary>As the <c>aggregate</c> command reads: counts and signatures only, no sessions kept.</summary>
    public static AggregationResult WithoutSessions(params (string Name, PluginLogBuilder Log)[] files) =>
        Files(null, null, new Dictionary<string, AgentWindow>(), collectSessions: false, files);

    private static AggregationResult Files(DateTime? since, DateTime? until, IReadOnlyDictionary<string, AgentWindow> agentWindows, bool collectSessions, (string Name, PluginLogBuilder Log)[] files)
    {
        using var dir = new TempDirectory();
        foreach (var (name, log) in files)
        {
            log.WriteTo(dir.File(name));
        }

        return new LogAggregator().Aggregate(new AggregationRequest { LogsDir = dir.Path, Since = since, Until = until, AgentWindows = agentWindows, CollectSessions = collectSessions });
    }

    public static Counts Single(PluginLogBuilder log, string agent = "com.plexapp.agents.AEBN") =>
        Files((agent + ".log", log)).Metrics.Agents[agent];
}

using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Compiles the aggregation path on a spare core while the program starts. An <c>aggregate</c> spends most of its
/// short life in a few dozen methods that are compiled in full at their first call, a tenth of a second of compiling
/// that would otherwise hold up both reading threads at their first line; the start-up before it (configuration,
/// command line) keeps one core busy and leaves the other idle. Aggregating a small sample there does the compiling
/// first, through the methods the real run takes, in memory.
/// </summary>
public static class AggregationWarmUp
{
    // Records of each kind the counting rules tell apart: a search with its footer, an update request logged twice, a
    // match failure, a timeout, an HTTP error crash with its traceback, and Plex's start-up noise.
    private const string Sample = """
        2026-01-05 10:00:00,000 (1a) :  DEBUG (networking:197) - Error opening URL 'http://127.0.0.1:32400/:/plugins/com.plexapp.system/resourceHashes'
        2026-01-05 10:00:00,001 (2b) :  DEBUG (agentkit:961) - Searching for matches for {'id': '7', 'name': 'A Title', 'year': 2020}
        2026-01-05 10:00:00,002 (2b) :  INFO (logkit:16) - Sample  - SEARCH:: Processing Page 1 for A Title (2020)
        2026-01-05 10:00:00,003 (2b) :  INFO (logkit:16) - Sample  - SEARCH:: Error getting Site Title: < Title Match Failure! >
        2026-01-05 10:00:00,004 (2b) :  ERROR (logkit:16) - Sample  - SEARCH:: Error: <urlopen error timed out>
        2026-01-05 10:00:00,005 (2b) :  INFO (logkit:16) - Sample  - SEARCH:: ************** >> Successful!! << **************
        2026-01-05 10:00:00,006 (3c) :  DEBUG (runtime:717) - Handling request GET /:/plugins/com.plexapp.agents.Sample/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/Y2VyZWFs
        2026-01-05 10:00:00,007 (3c) :  DEBUG (runtime:717) - Found route matching /:/plugins/com.plexapp.agents.Sample/messaging/function/X0FnZW50S2l0OlVwZGF0ZU1ldGFkYXRh/Y2VyZWFs
        2026-01-05 10:00:00,008 (3c) :  CRITICAL (agentkit:1018) - Exception in the update function of agent named 'Sample', called with guid 'com.plexapp.agents.sample://7' (most recent call last):
          File "/x/Framework/api/agentkit.py", line 1011, in _update
          File "/x/Sample.bundle/Contents/Code/__init__.py", line 42, in update
        HTTPError: HTTP Error 403: Forbidden
        """;

    /// <summary>Starts the warm-up on a background thread, where there is a second core to run it.</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount > 1)
        {
            new Thread(Run) { IsBackground = true, Name = "Aggregation warm-up" }.Start();
        }
    }

    private static void Run() => _ = MetricsJson.Serialize(SampleDocument());

    /// <summary>The metrics of the sample, read in memory so a process that ends first leaves nothing behind.</summary>
    internal static MetricsDocument SampleDocument()
    {
        const string Agent = "com.plexapp.agents.Sample";
        var analyzer = new AgentLogAnalyzer(Agent, since: null, until: null, window: null, collectSessions: false);
        var stats = new PluginLogStreamReader(analyzer).Read(new MemoryStream(Encoding.UTF8.GetBytes(Sample.ReplaceLineEndings("\n") + "\n")));
        analyzer.Finish();
        return new MetricsDocument
        {
            LogsDir = "",
            Window = new AggregationWindow { FirstRecord = analyzer.FirstRecord, LastRecord = analyzer.LastRecord },
            Files = [new FileSummary { Name = Agent + ".log", Agent = Agent, Bytes = stats.Bytes, Records = stats.Records }],
            Totals = analyzer.Counts,
            Agents = new SortedDictionary<string, Counts>(StringComparer.Ordinal) { [Agent] = analyzer.Counts },
            Signatures = analyzer.Signatures.ToSummaries(),
        };
    }
}

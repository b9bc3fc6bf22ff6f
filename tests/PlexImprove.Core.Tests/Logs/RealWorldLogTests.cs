using System.Text;
using System.Text.RegularExpressions;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Core.Tests.Logs;

/// <summary>
/// Checks the parser against verbatim plugin-log lines from a real PGMA installation: public error-clustering
/// reports kept beside the repository (never copied into it). Skips, saying why, when they are absent.
/// </summary>
public sealed partial class RealWorldLogTests
{
    [Fact(Skip = MachineHas.NoRealWorldLogs, SkipUnless = nameof(MachineHas.RealWorldLogs), SkipType = typeof(MachineHas))]
    public void HeaderParser_AgreesWithTheFrameworkRegexOnEveryRealLine()
    {
        var lines = RealLines();
        int headers = 0;
        foreach (var line in lines)
        {
            bool byRegex = FrameworkLine().IsMatch(line);
            bool byParser = FrameworkHeaderParser.TryParse(Encoding.UTF8.GetBytes(line), out _);
            Assert.True(byRegex == byParser, $"regex {byRegex}, parser {byParser}: {line}");
            headers += byParser ? 1 : 0;
        }

        Assert.True(headers > 1000, $"only {headers} header lines found");
    }

    [Fact(Skip = MachineHas.NoRealWorldLogs, SkipUnless = nameof(MachineHas.RealWorldLogs), SkipType = typeof(MachineHas))]
    public void Aggregator_ReadsRealLines_WithoutUnparsedLines_AndNamesEveryCrashType()
    {
        using var dir = new TempDirectory();
        var lines = RealLines();
        File.WriteAllText(dir.File("com.plexapp.agents.RealWorld.log"), string.Join('\n', lines) + "\n", new UTF8Encoding(false));

        var metrics = new LogAggregator().Aggregate(new AggregationRequest { LogsDir = dir.Path }, cancellationToken: TestContext.Current.CancellationToken).Metrics;

        Assert.Equal(0, metrics.Files.Single().UnparsedLines);
        Assert.Equal(lines.Count(l => FrameworkLine().IsMatch(l)), metrics.Files.Single().Records);
        Assert.NotEmpty(metrics.Totals.Exceptions);
        Assert.All(metrics.Totals.Exceptions.Keys, type => Assert.Matches("^[A-Za-z_][A-Za-z0-9_]*$", type));
        Assert.Contains("UnboundLocalError", metrics.Totals.Exceptions.Keys);
        int noiseRecords = lines.Count(l => FrameworkLine().IsMatch(l)
            && (l.Contains("/:/plugins/com.plexapp.system/resourceHashes", StringComparison.Ordinal) || l.Contains("Exception getting hosted resource hashes", StringComparison.Ordinal)));
        Assert.Equal(noiseRecords, metrics.Totals.Noise);
        Assert.True(metrics.Totals.TitleMatchFailures > 0);
        Assert.DoesNotContain(metrics.Signatures, s => s.Text.Contains("File: __init__.py, Line:", StringComparison.Ordinal));
    }

    /// <summary>The context lines of every report, prefixes removed, in report order.</summary>
    private static List<string> RealLines()
    {
        var folder = MachineHas.RealWorldLogsFolder;

        var lines = new List<string>();
        foreach (var report in Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal))
        {
            bool inContext = false;
            foreach (var raw in File.ReadLines(report))
            {
                if (raw.StartsWith("CONTEXT", StringComparison.Ordinal))
                {
                    inContext = true;
                    continue;
                }

                if (raw.StartsWith("=====", StringComparison.Ordinal) || raw.StartsWith("AGENT:", StringComparison.Ordinal))
                {
                    inContext = false;
                    continue;
                }

                if (inContext && raw.Length > 0)
                {
                    // Clustered and context lines carry a three-character prefix; traceback lines are verbatim.
                    lines.Add(PrefixedRecord().IsMatch(raw) ? raw[3..] : raw);
                }
            }
        }

        return lines;
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \((-?[0-9a-f]+)\) :  (DEBUG|INFO|WARNING|ERROR|CRITICAL) \(([^:()]+):(\d+)\) - (.*)$")]
    private static partial Regex FrameworkLine();

    [GeneratedRegex(@"^(>> |   )\d{4}-\d\d-\d\d ")]
    private static partial Regex PrefixedRecord();
}

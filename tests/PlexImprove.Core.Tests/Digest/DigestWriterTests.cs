using Xunit;
using System.Text;
using PlexImprove.Core.Digest;
using PlexImprove.Core.Metrics;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Digest;

public sealed class DigestWriterTests
{
    private const string GoldenName = "digest.md";

    [Fact]
    public void Write_MatchesTheGoldenDigest()
    {
        var digest = DigestWriter.Write(SampleMetrics());

        var golden = Path.Combine(SourceDirectory(), "Golden", GoldenName);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, digest, new UTF8Encoding(false));
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings("\n"), digest);
    }

    [Fact]
    public void Write_StaysWithinBudget_ListingEveryMandatoryKindAndCountingTheRest()
    {
        var log = new PluginLogBuilder();
        for (int i = 0; i < 400; i++)
        {
            // 400 distinct "other" failures and 40 distinct exception types.
            log.Record("ERROR", $"AEBN - UTILS ::    Error: Getting Field{Letters(i)}: bad value here", module: "utils", line: 5552);
            if (i % 10 == 0)
            {
                log.Search("1").SearchCrash($"{Letters(i)}Error: broken parser state");
            }
        }

        var metrics = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics;
        var digest = DigestWriter.Write(metrics);

        Assert.True(Encoding.UTF8.GetByteCount(digest) <= DigestWriter.DefaultBudgetBytes, $"digest is {Encoding.UTF8.GetByteCount(digest)} bytes");
        Assert.All(metrics.Signatures.Where(s => s.Kind == "exception"), s => Assert.Contains(s.Id, digest, StringComparison.Ordinal));
        Assert.Contains("more signature(s)", digest, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_StaysWithinBudget_EvenWhenMandatorySignaturesAloneWouldNot()
    {
        var log = new PluginLogBuilder();
        for (int i = 0; i < 600; i++)
        {
            log.Search("1").SearchCrash($"{Letters(i)}Error: {new string('x', 150)}");
        }

        var metrics = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics;
        var digest = DigestWriter.Write(metrics);

        Assert.True(Encoding.UTF8.GetByteCount(digest) <= DigestWriter.DefaultBudgetBytes);
        Assert.Contains("more signature(s)", digest, StringComparison.Ordinal);
    }

    internal static MetricsDocument SampleMetrics()
    {
        var aebn = new PluginLogBuilder(new DateTime(2026, 2, 5, 14, 0, 0))
            .Record("INFO", "Starting framework core - Version: 2.6.3, Build: 4a8d5e3", module: "core", line: 654)
            .Record("DEBUG", "Error opening URL 'http://127.0.0.1:32400/:/plugins/com.plexapp.system/resourceHashes'", module: "networking", line: 197)
            .Record("INFO", "Started plug-in", module: "core", line: 638)
            .Search("101").Record("DEBUG", "Requesting 'https://www.aebn.example/search?q=Crude'", module: "networking", line: 166)
            .SearchCrash("HTTPError: HTTP Error 403: Forbidden")
            .Search("102").Record("ERROR", "AEBN - SEARCH:: ❌ File: __init__.py, Line: 178, Function: _process_function_call -> _search -> search", module: "utils", line: 5551)
            .Record("ERROR", "AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! >", module: "utils", line: 5552)
            .Footer("SEARCH", succeeded: false)
            .Search("103").Footer("SEARCH", succeeded: true).Update("103").Footer("UPDATE", succeeded: true);
        var gevi = new PluginLogBuilder(new DateTime(2026, 2, 5, 15, 0, 0))
            .Search("201", thread: "b1").Record("ERROR", "GEVI - UTILS ::    Error: Getting Site Film Duration: list index out of range", thread: "b1", module: "utils", line: 5552)
            .Footer("SEARCH", succeeded: true, agent: "GEVI", thread: "b1")
            .Search("202", thread: "b1").SearchCrash("HTTPError: HTTP Error 403: Forbidden", thread: "b1", agent: "GEVI")
            .Search("203", thread: "b2");
        return Aggregate.Files(("com.plexapp.agents.AEBN.log", aebn), ("com.plexapp.agents.GEVI.log", gevi)).Metrics;
    }

    private static string Letters(int i) => $"{(char)('A' + (i % 26))}{(char)('a' + (i / 26 % 26))}{(char)('a' + (i / 676 % 26))}";

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

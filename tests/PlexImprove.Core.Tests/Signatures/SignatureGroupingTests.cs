using Xunit;
using PlexImprove.Core.Signatures;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Signatures;

public sealed class SignatureGroupingTests
{
    [Fact]
    public void SameFailure_AcrossAgentsAndTitles_IsOneSignature()
    {
        string[] titles = ["Crude", "Anonymous Sex", "Don’t Look Back", "L'Homme (2003)"];
        var logs = new[] { "AEBN", "GEVI", "GayEmpire" }.Select(agent =>
        {
            var log = new PluginLogBuilder();
            foreach (var title in titles)
            {
                log.Search("1").SearchCrash($"HTTPError: HTTP Error 403: Forbidden", agent: agent)
                   .Record("ERROR", $"Error opening URL 'https://www.{agent.ToLowerInvariant()}.com/search?q={Uri.EscapeDataString(title)}&page=2'", module: "networking", line: 197)
                   .Record("ERROR", $"{agent} - SEARCH::    Error getting Site Title: < Title Match Failure! > '{title}' at /Volumes/media/({agent}) - {title} (2008).mp4", module: "utils", line: 5552);
            }

            return ($"com.plexapp.agents.{agent}.log", log);
        }).ToArray();

        var signatures = Aggregate.Files(logs).Metrics.Signatures;

        var crash = Assert.Single(signatures, s => s.Kind == "exception");
        Assert.Equal(12, crash.Count);
        Assert.Equal(3, crash.Agents.Count);
        Assert.Contains("HTTP Error 403", crash.Text, StringComparison.Ordinal);
        var match = Assert.Single(signatures, s => s.Kind == "match");
        Assert.Equal(12, match.Count);
        Assert.DoesNotContain("Crude", match.Text, StringComparison.Ordinal);
        Assert.Equal(3, signatures.Count(s => s.Kind == "http")); // one per site host: different sites are different failures
    }

    [Fact]
    public void DifferentFailures_DoNotMerge()
    {
        var log = new PluginLogBuilder()
            .Search("1").SearchCrash("HTTPError: HTTP Error 403: Forbidden")
            .Search("2").SearchCrash("HTTPError: HTTP Error 429: Too Many Requests")
            .Search("3").SearchCrash("IndexError: list index out of range")
            .Record("ERROR", "AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! >", module: "utils", line: 5552)
            .Record("ERROR", "AEBN - SEARCH::    Error getting Site Studio: < Studio Match Failure! >", module: "utils", line: 5552);

        var signatures = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics.Signatures;

        Assert.Equal(5, signatures.Count);
        Assert.Equal(5, signatures.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void PgmaErrorPair_IsOneEvent_TheLocatorLineIsDropped()
    {
        var log = new PluginLogBuilder()
            .Record("ERROR", "AEBN - SEARCH:: ❌ File: __init__.py, Line: 178, Function: _process_function_call -> _search -> search", module: "utils", line: 5551)
            .Record("ERROR", "AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! >", module: "utils", line: 5552)
            .Record("ERROR", "AEBN - UTILS ::    IAFD Lookup Disabled to prevent 403 Errors.", module: "utils", line: 5552)
            .Record("ERROR", "AEBN - UTILS :: ❌ File: , Line: , Function: update -> updateMetadata -> getFilmOnIAFD", module: "utils", line: 5551);

        var signatures = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics.Signatures;

        var only = Assert.Single(signatures);
        Assert.Equal("SEARCH:: Error getting Site Title: < Title Match Failure! >", only.Text);
    }

    [Fact]
    public void SignatureIds_AreStableAcrossRuns()
    {
        var log = new PluginLogBuilder().Search("1").SearchCrash("HTTPError: HTTP Error 403: Forbidden");

        var first = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics.Signatures.Single().Id;
        var second = Aggregate.Files(("com.plexapp.agents.GEVI.log", log)).Metrics.Signatures.Single().Id;

        Assert.Equal(first, second);
        Assert.StartsWith("exception-", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Signatures_RememberAgentsFirstAndLastSeenAndOneRawExample()
    {
        var log = new PluginLogBuilder(new DateTime(2026, 2, 5, 9, 0, 0))
            .Record("WARNING", "Error opening URL 'https://www.iafd.com/a'")
            .Record("WARNING", "Error opening URL 'https://www.iafd.com/b'");

        var signature = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Metrics.Signatures.Single();

        Assert.Equal("Error opening URL <url:www.iafd.com>", signature.Text);
        Assert.Equal(new DateTime(2026, 2, 5, 9, 0, 0), signature.FirstSeen);
        Assert.Equal(new DateTime(2026, 2, 5, 9, 0, 1), signature.LastSeen);
        Assert.Equal("Error opening URL 'https://www.iafd.com/a'", signature.Example);
        Assert.Equal(["com.plexapp.agents.AEBN"], signature.Agents);
    }

    [Fact]
    public void Sessions_CollectTheSignaturesOfTheirFailures()
    {
        var log = new PluginLogBuilder()
            .Search("9").Record("ERROR", "AEBN - SEARCH::    Error getting Site Title: < Title Match Failure! >", module: "utils", line: 5552)
            .Footer("SEARCH", succeeded: false);

        var session = Aggregate.Files(("com.plexapp.agents.AEBN.log", log)).Sessions.Single();

        Assert.Single(session.SignatureIds);
        Assert.StartsWith("match-", session.SignatureIds[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Exception writing to /Volumes/internal/movies/(Wurstfilm) - Freaks 4.jpg (most recent call last):", "Exception writing to <path> (most recent call last):")]
    [InlineData("Error: Setting Originally Available Date: 'NoneType' object has no attribute 'date'", "Error: Setting Originally Available Date: <s> object has no attribute <s>")]
    [InlineData("Request took 1532 ms for id 7f3a2c1fe700", "Request took <n> ms for id <hex>")]
    [InlineData("Warning: Saving Poster to Disk: [Errno 2] No such file", "Warning: Saving Poster to Disk: [Errno 2] No such file")]
    [InlineData("HTTP Error 404: Not Found on page 3", "HTTP Error 404: Not Found on page <n>")]
    public void Normalize_ReplacesVariablePartsAndKeepsStatusCodes(string text, string template)
    {
        Assert.Equal(template, SignatureNormalizer.Normalize(text));
    }
}

using System.Text.Json;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Tests.Tools;

/// <summary>
/// Calls a hostile model or MCP client makes to read files outside the confined folders or to recover a secret
/// through the answers: each is refused or answered without the secret.
/// </summary>
public sealed class HostileToolCallTests : IDisposable
{
    private const string LogFile = "com.plexapp.agents.Films.log";
    private readonly ToolFixture _fixture = new();
    private readonly string _token = "Tk" + Guid.NewGuid().ToString("N")[..18];

    public HostileToolCallTests() => SecretRedactor.Remember([_token]);

    [Theory]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("../Preferences.xml")]
    [InlineData("/etc/passwd")]
    [InlineData("Films.bundle/../../Preferences.xml")]
    public async Task SearchAgentCode_FilePatternClimbingOutOfThePlugins_ReadsNothing(string filePattern)
    {
        _fixture.Write("Preferences.xml", $"<Preferences PlexOnlineToken=\"{_token}\" root=\"x\"/>\n");

        var answer = await _fixture.Registry().CallAsync(ToolNames.SearchAgentCode, ("pattern", "o"), ("filePattern", filePattern));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("is not a file-name pattern", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Preferences", answer.Replace(filePattern, "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("root:", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAgentCode_RegexExtendingAKnownPrefixOfAToken_NeverConfirmsACharacter()
    {
        File.AppendAllText(_fixture.CodePath, $"\nPLEX = 'X-Plex-Token={_token}'\nOTHER = '{_token}'\n");
        var registry = _fixture.Registry();
        const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

        var hits = 0;
        foreach (var next in Alphabet)
        {
            var answer = await registry.CallAsync(ToolNames.SearchAgentCode, ("pattern", "Token=" + _token[..2] + next), ("isRegex", true));
            var plain = await registry.CallAsync(ToolNames.SearchAgentCode, ("pattern", _token[..2] + next));
            hits += answer.StartsWith("No line matches", StringComparison.Ordinal) ? 0 : 1;
            hits += plain.StartsWith("No line matches", StringComparison.Ordinal) ? 0 : 1;
        }

        var found = await registry.CallAsync(ToolNames.SearchAgentCode, ("pattern", "PLEX = "));
        Assert.Equal(0, hits);
        Assert.Contains("X-Plex-Token=<redacted>", found, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLogExcerpt_LinesQuotingTokens_AreSentMasked()
    {
        File.AppendAllText(Path.Combine(_fixture.LogsDir, LogFile),
            "2026-12-01 10:00:00,000 (7f) :  DEBUG (networking:1) - Requesting 'http://10.0.0.2:32400/library?X-Plex-Token=abcdEFGH12345678'\n" +
            "2026-12-01 10:00:01,000 (7f) :  DEBUG (networking:2) - Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig\n" +
            $"2026-12-01 10:00:02,000 (7f) :  DEBUG (networking:3) - token {_token}\n");

        var answer = await _fixture.Registry().CallAsync(ToolNames.ReadLogExcerpt, ("file", LogFile), ("contains", "networking:"));

        Assert.Contains("X-Plex-Token=<redacted>", answer, StringComparison.Ordinal);
        Assert.Contains("Bearer <redacted>", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdEFGH12345678", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiJ9", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadLogExcerpt_ContainsProbingATokenPrefix_FindsNoLine()
    {
        File.AppendAllText(Path.Combine(_fixture.LogsDir, LogFile), "2026-12-01 10:00:00,000 (7f) :  DEBUG (networking:1) - GET /?X-Plex-Token=abcdEFGH12345678\n");
        var registry = _fixture.Registry();

        var probe = await registry.CallAsync(ToolNames.ReadLogExcerpt, ("file", LogFile), ("contains", "X-Plex-Token=abcd"));
        var honest = await registry.CallAsync(ToolNames.ReadLogExcerpt, ("file", LogFile), ("contains", "X-Plex-Token="));

        Assert.EndsWith("(no lines)", probe, StringComparison.Ordinal);
        Assert.Contains("X-Plex-Token=<redacted>", honest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadReport_OffsetInsideASecret_ShowsNoPartOfIt()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.WorkDir, "iteration_1"));
        const string Before = "The model wrote: ";
        _fixture.Write("work/iteration_1/diagnostic_report.md", Before + _token + " end");
        var registry = _fixture.Registry();

        foreach (var offset in new[] { Before.Length + 1, Before.Length + 5 })
        {
            var answer = await registry.CallAsync(ToolNames.ReadReport, ("path", "iteration_1/diagnostic_report.md"), ("offset", offset));

            Assert.DoesNotContain(_token[5..15], answer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AggregateAndSignatures_LogSymlinkLeadingOut_AreNotRead()
    {
        var outside = Path.Combine(_fixture.Outside, "outside.log");
        File.WriteAllText(outside, File.ReadAllText(Path.Combine(_fixture.LogsDir, LogFile)).Replace("Films", "Stolen", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(_fixture.LogsDir, "com.plexapp.agents.Stolen.log"), outside);
        var registry = _fixture.Registry();

        var metrics = await registry.CallAsync(ToolNames.AggregateLogs, ("json", true));
        var signatures = await registry.CallAsync(ToolNames.ListSignatures);

        using var document = JsonDocument.Parse(metrics);
        Assert.DoesNotContain("Stolen", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("Stolen", signatures, StringComparison.Ordinal);
        Assert.Contains("Films", metrics, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}

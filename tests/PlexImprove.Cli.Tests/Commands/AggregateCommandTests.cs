using System.Text.Json;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

public sealed class AggregateCommandTests
{
    [Fact]
    public async Task Aggregate_OnTheSampleLogs_PrintsASummaryTableOnly()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", RepositoryPaths.SampleLogs());

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("com.plexapp.agents.AEBN", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("25.0%", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal); // no colour codes on a pipe
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Aggregate_WritesTheMetricsDocumentAndTheDigest()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", RepositoryPaths.SampleLogs(),
            "--agent", "AEBN", "--json", home.File("out/metrics.json"), "--out", home.File("out/digest.md"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(home.File("out/metrics.json")));
        Assert.Equal(1, json.RootElement.GetProperty("schemaVersion").GetInt32());
        var agents = json.RootElement.GetProperty("agents").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["com.plexapp.agents.AEBN"], agents);
        Assert.Equal(16, json.RootElement.GetProperty("totals").GetProperty("searchesStarted").GetInt32());
        Assert.StartsWith("# Plugin log digest", File.ReadAllText(home.File("out/digest.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_Window_LimitsWhatIsCounted()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", RepositoryPaths.SampleLogs(),
            "--since", "2030-01-01 00:00:00", "--json", home.File("metrics.json"));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(home.File("metrics.json")));
        Assert.Equal(0, json.RootElement.GetProperty("totals").GetProperty("searchesStarted").GetInt32());
        Assert.Equal("2030-01-01T00:00:00.000", json.RootElement.GetProperty("window").GetProperty("since").GetString());
    }

    [Theory]
    [InlineData("--logs", "/no/such/plugin/logs", "does not exist")]
    [InlineData("--since", "yesterday", "is not a local time")]
    [InlineData("--agent", "NoSuchAgent", "No plugin logs for agent 'NoSuchAgent'")]
    [InlineData("--bogus-option", "x", "Unrecognized")]
    public async Task Aggregate_BadInput_ExitsWithTwoAndSaysWhy(string option, string value, string message)
    {
        using var home = new TempDirectory();
        var args = option == "--logs" ? new[] { "aggregate", option, value } : ["aggregate", "--logs", RepositoryPaths.SampleLogs(), option, value];

        var result = await CliRunner.RunAsync(home.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task Aggregate_BadInput_LeavesNoOutputFileBehind()
    {
        using var home = new TempDirectory();

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", home.File("missing"), "--json", home.File("metrics.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(Directory.GetFiles(home.Path));
    }

    [Fact]
    public async Task Aggregate_UsesTheConfiguredLogsFolder()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File("appsettings.json"), JsonSerializer.Serialize(new { Plex = new { LogsDir = RepositoryPaths.SampleLogs() } }));

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--json", home.File("metrics.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(home.File("metrics.json")));
    }
}

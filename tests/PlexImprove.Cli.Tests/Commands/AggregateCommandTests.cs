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

public sealed class AggregateFolderCheckTests
{
    [Fact]
    public async Task Aggregate_FolderOfRandomBytesNamedLikeLogs_ExitsTwoSayingItIsNotAPluginLogsFolder()
    {
        using var home = new TempDirectory();
        var logs = Directory.CreateDirectory(home.File("logs")).FullName;
        var random = new Random(12);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(logs, "com.plexapp.agents.Noise.log"), bytes);

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", logs);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not look like a PMS Plugin Logs folder", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("expected files like com.plexapp.agents.X.log", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Aggregate_FolderOfOtherFiles_ExitsTwo()
    {
        using var home = new TempDirectory();
        var logs = Directory.CreateDirectory(home.File("logs")).FullName;
        File.WriteAllText(Path.Combine(logs, "notes.txt"), "not a log\n");
        var other = Directory.CreateDirectory(home.File("other")).FullName;
        File.WriteAllText(Path.Combine(other, "notes.txt"), "not a log\n");
        File.WriteAllText(Path.Combine(other, "Plex Media Server.log"), "Dec 01, 2026 10:00:00.000 [0x7f] INFO - hello\n");

        var noLogs = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", logs);
        var serverLog = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", other);

        Assert.Equal(2, noLogs.ExitCode);
        Assert.Contains("holds no file named like a plugin log", noLogs.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, serverLog.ExitCode);
        Assert.Contains("(Plex Media Server.log) holds a Framework record", serverLog.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_RealLogWithoutAnySession_ExitsZero()
    {
        using var home = new TempDirectory();
        var logs = Directory.CreateDirectory(home.File("logs")).FullName;
        File.WriteAllText(Path.Combine(logs, "com.plexapp.agents.Quiet.log"),
            "2026-02-05 14:03:00,327 (7f3a2c1fe700) :  INFO (core:654) - Starting framework core - Version: 2.6.3, Build: 4a8d5e3 (Mon Dec 16 12:00:00 UTC 2019)\n" +
            "2026-02-05 14:03:01,100 (7f3a2c1fe700) :  INFO (core:611) - Started plug-in\n");

        var result = await CliRunner.RunAsync(home.Path, "aggregate", "--logs", logs);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("com.plexapp.agents.Quiet", result.Stdout, StringComparison.Ordinal);
    }
}

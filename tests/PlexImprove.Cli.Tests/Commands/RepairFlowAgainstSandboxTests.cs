using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// The commands a user (or the loop) chains, as real processes against Plex in a box: measure the baseline,
/// apply one fix through the gate, restart the plugin, test actively, and roll back.
/// </summary>
public sealed class RepairFlowAgainstSandboxTests
{
    private const string Token = "flow-token-3c9a";

    [Fact]
    public async Task AggregateApplyRestartTest_KeepsTheAebnTitleFix_AndRollbackRestoresTheOriginal()
    {
        using var home = new TempDirectory();
        await using var sandbox = await SandboxHost.StartAsync(
            new SandboxOptions { ScenarioRoot = Path.Combine(AppContext.BaseDirectory, "scenarios", "demo"), Dir = home.File("sandbox"), Port = 0, Token = Token },
            await new Python27Locator(new Python27LocatorOptions { ProjectRoot = RepositoryPaths.Root(), SearchPath = "", ScriptHosts = [] }).LocateAsync(TestContext.Current.CancellationToken),
            TimeProvider.System, TestContext.Current.CancellationToken);
        var connection = sandbox.Connection;
        var environment = new Dictionary<string, string>
        {
            ["PLEX_TOKEN"] = Token,
            ["PLEXIMPROVE__Plex__Url"] = connection.Url,
            ["PLEXIMPROVE__Plex__LogsDir"] = connection.LogsDir,
            ["PLEXIMPROVE__Plex__PluginsDir"] = connection.PluginsDir,
            ["PLEXIMPROVE__Python27__Path"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr", "bin", "python2.7"),
            ["PLEXIMPROVE__Python27__Home"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr"),
            ["PLEXIMPROVE__Run__WorkDir"] = home.File("work"),
        };
        Task<CliResult> Run(params string[] args) => CliRunner.RunAsync(home.Path, environment, args);
        var code = Path.Combine(connection.PluginsDir, "AEBN.bundle", "Contents", "Code", "__init__.py");
        var original = File.ReadAllBytes(code);

        // Baseline: every AEBN item refreshed once, then measured.
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.Add("X-Plex-Token", Token);
            using var response = await http.GetAsync($"{connection.Url}/library/sections/2/refresh", TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await sandbox.Refreshes.WhenIdleAsync(TestContext.Current.CancellationToken);
        var baseline = await Run("aggregate", "--agent", "AEBN", "--json", home.File("work/iteration_1/metrics.json"));
        Assert.Equal(ExitCodes.Ok, baseline.ExitCode);

        // One fix, as search/replace edits, through the Python 2.7 gate.
        File.WriteAllText(home.File("fix.json"), JsonSerializer.Serialize(new
        {
            edits = new[]
            {
                new
                {
                    file = "AEBN.bundle/Contents/Code/__init__.py",
                    search = "    title = title.lower().strip()\n",
                    replace = "    title = title.replace(u'\\u2019', \"'\").lower().strip()\n" +
                              "    for article in ('the', 'a', 'an'):\n" +
                              "        if title.endswith(', ' + article):\n" +
                              "            title = article + ' ' + title[:-len(article) - 2]\n",
                },
            },
        }));
        var apply = await Run("apply", "--iteration", "1", "--fix-id", "aebn-titles", "--patch", home.File("fix.json"), "--expect", "AEBN titles with curly apostrophes and trailing articles match");
        var restart = await Run("restart", "--method", "plugin", "--plugin", "com.plexapp.agents.AEBN");
        var test = await Run("test", "--fix-id", "aebn-titles", "--agent", "AEBN", "--baseline", home.File("work/iteration_1/metrics.json"), "--iteration", "1", "--json");

        Assert.True(apply.ExitCode == ExitCodes.Ok, apply.Stdout + apply.Stderr);
        Assert.True(restart.ExitCode == ExitCodes.Ok, restart.Stdout + restart.Stderr);
        Assert.True(test.ExitCode == ExitCodes.Ok, test.Stdout + test.Stderr);
        using (var report = JsonDocument.Parse(File.ReadAllText(home.File("work/iteration_1/test_report_aebn-titles.json"))))
        {
            Assert.Equal("keep", report.RootElement.GetProperty("comparison").GetProperty("decision").GetProperty("decision").GetString(), ignoreCase: true);
        }

        Assert.True(File.Exists(home.File("work/iteration_1/test_report_aebn-titles.md")));
        Assert.True(File.Exists(home.File("work/iteration_1/implementation_log.json")));
        Assert.NotEqual(original, File.ReadAllBytes(code));

        var rollback = await Run("rollback", "--fix-id", "aebn-titles");

        Assert.True(rollback.ExitCode == ExitCodes.Ok, rollback.Stdout + rollback.Stderr);
        Assert.Equal(original, File.ReadAllBytes(code));
        var everything = string.Concat(new[] { baseline, apply, restart, test, rollback }.Select(r => r.Stdout + r.Stderr))
            + string.Concat(Directory.GetFiles(home.File("work"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("_BACKUPS", StringComparison.Ordinal)).Select(File.ReadAllText));
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
    }
}

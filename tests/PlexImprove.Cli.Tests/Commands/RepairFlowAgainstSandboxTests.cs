using System.Text.Json;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
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
        await using var cli = await CliAgainstSandbox.StartAsync(Token);
        var code = cli.AgentCode("AEBN");
        var original = File.ReadAllBytes(code);

        // Baseline: every AEBN item refreshed once, then measured.
        var baseline = await cli.MeasureBaselineAsync("AEBN", section: 2);
        Assert.Equal(ExitCodes.Ok, baseline.ExitCode);

        // One fix, as search/replace edits, through the Python 2.7 gate.
        var patch = cli.WritePatch("fix.json", "AEBN.bundle/Contents/Code/__init__.py", "    title = title.lower().strip()\n",
            "    title = title.replace(u'\\u2019', \"'\").lower().strip()\n" +
            "    for article in ('the', 'a', 'an'):\n" +
            "        if title.endswith(', ' + article):\n" +
            "            title = article + ' ' + title[:-len(article) - 2]\n");
        var apply = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "aebn-titles", "--patch", patch, "--expect", "AEBN titles with curly apostrophes and trailing articles match");
        var restart = await cli.RunAsync("restart", "--method", "plugin", "--plugin", "com.plexapp.agents.AEBN");
        var test = await cli.RunAsync("test", "--fix-id", "aebn-titles", "--agent", "AEBN", "--baseline", cli.BaselineMetrics, "--iteration", "1", "--json");

        Assert.True(apply.ExitCode == ExitCodes.Ok, apply.Stdout + apply.Stderr);
        Assert.True(restart.ExitCode == ExitCodes.Ok, restart.Stdout + restart.Stderr);
        Assert.True(test.ExitCode == ExitCodes.Ok, test.Stdout + test.Stderr);
        using (var report = JsonDocument.Parse(File.ReadAllText(cli.Home.File("work/iteration_1/test_report_aebn-titles.json"))))
        {
            Assert.Equal("keep", report.RootElement.GetProperty("comparison").GetProperty("decision").GetProperty("decision").GetString(), ignoreCase: true);
        }

        Assert.True(File.Exists(cli.Home.File("work/iteration_1/test_report_aebn-titles.md")));
        Assert.True(File.Exists(cli.Home.File("work/iteration_1/implementation_log.json")));
        Assert.NotEqual(original, File.ReadAllBytes(code));

        var rollback = await cli.RunAsync("rollback", "--fix-id", "aebn-titles");

        Assert.True(rollback.ExitCode == ExitCodes.Ok, rollback.Stdout + rollback.Stderr);
        Assert.Equal(original, File.ReadAllBytes(code));
        var everything = string.Concat(new[] { baseline, apply, restart, test, rollback }.Select(r => r.Stdout + r.Stderr))
            + string.Concat(Directory.GetFiles(cli.Home.File("work"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("_BACKUPS", StringComparison.Ordinal)).Select(File.ReadAllText));
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
    }
}

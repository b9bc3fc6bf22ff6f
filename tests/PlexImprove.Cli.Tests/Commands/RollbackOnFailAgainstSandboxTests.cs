using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// A fix that breaks the agent, as real processes against Plex in a box: <c>restart</c> without <c>--plugin</c>
/// restarts what the fix changed, <c>test</c> decides ROLLBACK and names the command, and
/// <c>--rollback-on-fail</c> restores the code and restarts the plug-in.
/// </summary>
public sealed class RollbackOnFailAgainstSandboxTests
{
    private const string Token = "rollback-token-5d1e";

    [Fact]
    public async Task BreakingFix_RestartWithoutPlugin_ThenTestNamesTheRollback_AndRollbackOnFailRestoresTheCode()
    {
        await using var cli = await CliAgainstSandbox.StartAsync(Token);
        var code = cli.AgentCode("AEBN");
        var original = File.ReadAllBytes(code);

        var baseline = await cli.MeasureBaselineAsync("AEBN", section: 2);
        Assert.Equal(ExitCodes.Ok, baseline.ExitCode);

        var patch = cli.WritePatch("break.json", "AEBN.bundle/Contents/Code/__init__.py", "    title = title.lower().strip()\n",
            "    title = title.lower().strip()\n    raise ValueError('broken on purpose')\n");
        var apply = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "aebn-broken", "--patch", patch);
        var restart = await cli.RunAsync("restart");

        Assert.True(apply.ExitCode == ExitCodes.Ok, apply.Stdout + apply.Stderr);
        Assert.Contains("plex-improve restart --plugin com.plexapp.agents.AEBN", apply.Stdout, StringComparison.Ordinal);
        Assert.True(restart.ExitCode == ExitCodes.Ok, restart.Stdout + restart.Stderr);
        Assert.Contains("changed by the last fix 'aebn-broken': com.plexapp.agents.AEBN", restart.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("systemctl", restart.Stdout + restart.Stderr, StringComparison.Ordinal);

        var told = await cli.RunAsync("test", "--fix-id", "aebn-broken", "--agent", "AEBN", "--baseline", cli.BaselineMetrics, "--iteration", "1");

        Assert.True(told.ExitCode == ExitCodes.WorkFailed, told.Stdout + told.Stderr);
        Assert.Contains("ROLLBACK", told.Stdout, StringComparison.Ordinal);
        Assert.Contains("plex-improve rollback --fix-id aebn-broken", told.Stdout, StringComparison.Ordinal);
        Assert.Contains("--plugin com.plexapp.agents.AEBN", told.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(original, File.ReadAllBytes(code));

        var done = await cli.RunAsync("test", "--fix-id", "aebn-broken", "--agent", "AEBN", "--baseline", cli.BaselineMetrics, "--iteration", "1", "--rollback-on-fail");

        Assert.True(done.ExitCode == ExitCodes.WorkFailed, done.Stdout + done.Stderr);
        Assert.Contains("Rolled back fix 'aebn-broken'", done.Stdout, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.AEBN Started", done.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(code));
    }
}

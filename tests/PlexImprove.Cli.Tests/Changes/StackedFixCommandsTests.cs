using System.Text.Json;
using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

public sealed class StackedFixCommandsTests
{
    private const string Target = "Agent.bundle/Contents/Code/__init__.py";

    private static string Edit(string search, string replace) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file = Target, search, replace } } });

    private static CliHarness WithAgentBundle()
    {
        var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Info.plist", "<plist><dict>\n<key>CFBundleIdentifier</key>\n<string>com.plexapp.agents.Agent</string>\n</dict></plist>\n");
        cli.Write(Target, "x = 1\n");
        return cli;
    }

    [Fact]
    public async Task Apply_Applied_RemindsTheExactRestartCommand()
    {
        using var cli = WithAgentBundle();

        var run = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "f1", "--patch", cli.WritePatch(Edit("x = 1", "x = 2")));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("run 'plex-improve restart --plugin com.plexapp.agents.Agent'", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackEarlierFix_LaterFixOnTop_ExitsThreeNamingItThenCascadeRestoresBoth()
    {
        using var cli = WithAgentBundle();
        Assert.Equal(0, (await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "first", "--patch", cli.WritePatch(Edit("x = 1", "x = 2")))).ExitCode);
        var second = await cli.RunAsync("apply", "--iteration", "2", "--fix-id", "second", "--patch", cli.WritePatch(Edit("x = 2", "x = 3")));
        Assert.Contains("stacked on fix(es) 'first'", second.Out, StringComparison.Ordinal);

        var refused = await cli.RunAsync("rollback", "--fix-id", "first");
        var forced = await cli.RunAsync("rollback", "--fix-id", "first", "--force");
        var stacked = await cli.RunAsync("backups");

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("later fix(es) 'second' (iteration 2)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--cascade", refused.Error, StringComparison.Ordinal);
        Assert.Equal(3, forced.ExitCode);
        Assert.Equal("x = 3\n", cli.Read(Target));
        Assert.Contains("later fix(es) 'second' on top", stacked.Out, StringComparison.Ordinal);

        var cascade = await cli.RunAsync("rollback", "--fix-id", "first", "--cascade");
        var listed = await cli.RunAsync("backups", "--json");

        Assert.Equal(0, cascade.ExitCode);
        Assert.True(
            cascade.Out.IndexOf("fix 'second'", StringComparison.Ordinal) < cascade.Out.IndexOf("fix 'first'", StringComparison.Ordinal),
            "the later fix is rolled back first");
        Assert.Contains("plex-improve restart --plugin com.plexapp.agents.Agent", cascade.Out, StringComparison.Ordinal);
        Assert.Equal("x = 1\n", cli.Read(Target));
        Assert.All(listed.Json.GetProperty("backups").EnumerateArray(), b => Assert.Equal("original", b.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Restart_UnknownPlugin_ExitsTwoNamingTheKnownPlugins()
    {
        using var cli = WithAgentBundle();

        var run = await cli.RunAsync("restart", "--plugin", "com.plexapp.agents.NoSuch", "--url", "http://127.0.0.1:9");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown plug-in 'com.plexapp.agents.NoSuch'", run.Error, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.Agent", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("systemctl", run.Error, StringComparison.Ordinal);
    }
}

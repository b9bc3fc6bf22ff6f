using System.Text.Json;
using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

public sealed class ChangeCommandsTests
{
    private const string Target = "Agent.bundle/Contents/Code/__init__.py";

    private static string Edit(string search, string replace, string file = Target) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } });

    [Fact]
    public async Task Check_FolderWithAValidAndAnInvalidFile_ExitsOneWithFindingsAndWritesNoPyc()
    {
        using var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Code/__init__.py", "print 'ok'\n");
        cli.Write("Agent.bundle/Contents/Code/utils.py", "x = 1\n_hidden = f'{x}'\n");

        var run = await cli.RunAsync("check", Path.Combine(cli.Plugins, "Agent.bundle"), "--json");

        Assert.Equal(1, run.ExitCode);
        var files = run.Json.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(2, files.Count);
        Assert.Empty(files[0].GetProperty("findings").EnumerateArray());
        var finding = Assert.Single(files[1].GetProperty("findings").EnumerateArray());
        Assert.Equal(("syntax", 2), (finding.GetProperty("rule").GetString(), finding.GetProperty("line").GetInt32()));
        Assert.Empty(Directory.EnumerateFiles(cli.Plugins, "*.pyc", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Check_MissingPath_IsBadInput()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("check", Path.Combine(cli.Folder, "nope.py"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyBackupsRollback_FullCycle_RestoresTheOriginalBytes()
    {
        using var cli = new CliHarness();
        const string original = "# -*- coding: utf-8 -*-\r\ndef search(results, media, lang):\r\n    headers = {}\r\n";
        cli.Write(Target, original);
        var patch = cli.WritePatch(Edit("headers = {}", "headers = {'User-Agent': 'Mozilla/5.0'}"));

        var dryRun = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "ua-header", "--patch", patch, "--dry-run", "--json");
        Assert.Equal((0, "previewed"), (dryRun.ExitCode, dryRun.Json.GetProperty("status").GetString()));
        Assert.Equal(original, cli.Read(Target));

        var apply = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "ua-header", "--patch", patch, "--expect", "search stops failing with 403", "--json");
        Assert.Equal((0, "applied"), (apply.ExitCode, apply.Json.GetProperty("status").GetString()));
        Assert.Contains("Mozilla", cli.Read(Target), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.Work, "iteration_1", "implementation_log.json")));

        var listed = await cli.RunAsync("backups", "--json");
        var backup = Assert.Single(listed.Json.GetProperty("backups").EnumerateArray());
        Assert.Equal(("ua-header", "applied"), (backup.GetProperty("fixId").GetString(), backup.GetProperty("state").GetString()));

        var rollback = await cli.RunAsync("rollback", "--fix-id", "ua-header", "--json");
        Assert.Equal(0, rollback.ExitCode);
        Assert.Equal(original, cli.Read(Target));

        var after = await cli.RunAsync("backups", "--json");
        var state = Assert.Single(after.Json.GetProperty("backups").EnumerateArray());
        Assert.Equal(("original", "rolled_back"), (state.GetProperty("state").GetString(), state.GetProperty("logStatus").GetString()));
    }

    [Fact]
    public async Task Apply_ChangeBreakingPlexRules_ExitsOneSaysNotAppliedAndWritesNothing()
    {
        using var cli = new CliHarness();
        cli.Write(Target, "def search(results, media, lang):\n    pass\n");
        var patch = cli.WritePatch(Edit("    pass\n", "    path = __file__\n"));

        var run = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "bad", "--patch", patch);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("NOT applied", run.Out, StringComparison.Ordinal);
        Assert.Contains("file-reference", run.Out, StringComparison.Ordinal);
        Assert.Equal("def search(results, media, lang):\n    pass\n", cli.Read(Target));
        Assert.False(Directory.Exists(Path.Combine(cli.Work, "iteration_1", "_BACKUPS")));
    }

    [Fact]
    public async Task Apply_PatchLeavingThePluginsFolder_IsRefusedWithExitTwo()
    {
        using var cli = new CliHarness();
        var victim = Path.Combine(cli.Folder, "victim.py");
        File.WriteAllText(victim, "x = 1\n");
        var patch = cli.WritePatch("--- a/../victim.py\n+++ b/../victim.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n");

        var run = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "escape", "--patch", patch);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("..", run.Error, StringComparison.Ordinal);
        Assert.Equal("x = 1\n", File.ReadAllText(victim));
        Assert.False(Directory.Exists(cli.Work));
    }

    [Fact]
    public async Task Apply_ContextThatDoesNotMatch_ExitsOneNamingTheLine()
    {
        using var cli = new CliHarness();
        cli.Write(Target, "a = 1\nb = 2\n");
        var patch = cli.WritePatch($"--- a/{Target}\n+++ b/{Target}\n@@ -1,2 +1,2 @@\n a = 1\n-b = 3\n+b = 4\n");

        var run = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "nomatch", "--patch", patch);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 2 of the file is \"b = 2\"", run.Error, StringComparison.Ordinal);
        Assert.Equal("a = 1\nb = 2\n", cli.Read(Target));
    }

    [Fact]
    public async Task Apply_AllCopies_ListsTheSkippedDifferingCopy()
    {
        using var cli = new CliHarness();
        for (var i = 1; i <= 3; i++)
        {
            cli.Write($"Site{i}.bundle/Contents/Code/utils.py", "TIMEOUT = 10\n");
        }

        cli.Write("Site4.bundle/Contents/Code/utils.py", "TIMEOUT = 99\n");
        var patch = cli.WritePatch(Edit("TIMEOUT = 10", "TIMEOUT = 30", "Site1.bundle/Contents/Code/utils.py"));

        var run = await cli.RunAsync("apply", "--iteration", "2", "--fix-id", "timeout", "--patch", patch, "--all-copies", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.Json.GetProperty("files").GetArrayLength());
        Assert.Equal("Site4.bundle/Contents/Code/utils.py", Assert.Single(run.Json.GetProperty("skippedCopies").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal("TIMEOUT = 30\n", cli.Read("Site3.bundle/Contents/Code/utils.py"));
        Assert.Equal("TIMEOUT = 99\n", cli.Read("Site4.bundle/Contents/Code/utils.py"));
    }

    [Fact]
    public async Task Rollback_FileChangedSinceTheFix_ExitsOneUnlessForced()
    {
        using var cli = new CliHarness();
        cli.Write(Target, "x = 1\n");
        var patch = cli.WritePatch(Edit("x = 1", "x = 2"));
        Assert.Equal(0, (await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "f1", "--patch", patch)).ExitCode);
        cli.Write(Target, "x = 5\n");

        var refused = await cli.RunAsync("rollback", "--iteration", "1");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("changed outside plex-improve", refused.Error, StringComparison.Ordinal);
        Assert.Equal("x = 5\n", cli.Read(Target));

        var forced = await cli.RunAsync("rollback", "--iteration", "1", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("x = 1\n", cli.Read(Target));
    }

    [Fact]
    public async Task Rollback_WithoutSelectionOrUnknownFix_IsBadInput()
    {
        using var cli = new CliHarness();

        var nothing = await cli.RunAsync("rollback");
        var unknown = await cli.RunAsync("rollback", "--fix-id", "never-applied");

        Assert.Equal(2, nothing.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No backup of fix 'never-applied'", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ReportsTheInterpreterInUseAndEveryCandidate()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("doctor", "--json");

        Assert.Equal(0, run.ExitCode);
        var python = run.Json.GetProperty("python27");
        Assert.True(python.GetProperty("found").GetBoolean());
        Assert.StartsWith("2.7.", python.GetProperty("used").GetProperty("version").GetString(), StringComparison.Ordinal);
        var candidates = python.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal("Configured", candidates[0].GetProperty("source").GetString());
        Assert.True(candidates[0].GetProperty("used").GetBoolean());
        Assert.All(candidates.Skip(1), c => Assert.NotEmpty(c.GetProperty("reason").GetString()!));
    }
}

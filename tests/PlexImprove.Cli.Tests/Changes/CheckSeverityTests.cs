using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

/// <summary><c>check</c>: exit 1 only on findings that stop the bundle loading, unless <c>--strict</c>; JSON carries the severity.</summary>
public sealed class CheckSeverityTests
{
    private const string Elevated = "<plist><dict><key>CFBundleIdentifier</key><string>com.plexapp.agents.x</string><key>PlexPluginCodePolicy</key><string>Elevated</string></dict></plist>";

    [Fact]
    public async Task RunTimeFindingOnly_ExitsZero_AndOneWithStrict()
    {
        using var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Code/__init__.py", "def search(results, media, lang):\n    return sum([1])\n");

        var lenient = await cli.RunAsync("check", Path.Combine(cli.Plugins, "Agent.bundle"), "--json");
        var strict = await cli.RunAsync("check", Path.Combine(cli.Plugins, "Agent.bundle"), "--json", "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(1, strict.ExitCode);
        var finding = Assert.Single(lenient.Json.GetProperty("files")[0].GetProperty("findings").EnumerateArray());
        Assert.Equal("runtime", finding.GetProperty("severity").GetString());
        Assert.Equal("NameError: global name 'sum' is not defined", finding.GetProperty("message").GetString());
        Assert.Equal(1, lenient.Json.GetProperty("summary").GetProperty("runtime").GetInt32());
        Assert.Equal(0, lenient.Json.GetProperty("summary").GetProperty("load").GetInt32());
    }

    [Fact]
    public async Task SiblingOfAnElevatedBundle_IsJudgedWithItsPolicy_InitPyWithTheStandardOne()
    {
        using var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Info.plist", Elevated);
        cli.Write("Agent.bundle/Contents/Code/__init__.py", "import utils\nname = __name__\n");
        cli.Write("Agent.bundle/Contents/Code/utils.py", "name = __name__\n");

        var run = await cli.RunAsync("check", Path.Combine(cli.Plugins, "Agent.bundle"), "--json");

        Assert.Equal(1, run.ExitCode);
        var files = run.Json.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(("init", "elevated"), (files[0].GetProperty("role").GetString(), files[0].GetProperty("policy").GetString()));
        Assert.Equal("load", Assert.Single(files[0].GetProperty("findings").EnumerateArray()).GetProperty("severity").GetString());
        Assert.Equal(("module", "elevated"), (files[1].GetProperty("role").GetString(), files[1].GetProperty("policy").GetString()));
        Assert.Empty(files[1].GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task BundleWithoutInfoPlist_IsCheckedWithTheStandardPolicy_AndSaysSo()
    {
        using var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Code/__init__.py", "x = 1\n");

        var run = await cli.RunAsync("check", Path.Combine(cli.Plugins, "Agent.bundle"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Info.plist is missing: the standard code policy applies.", run.Out, StringComparison.Ordinal);
    }
}

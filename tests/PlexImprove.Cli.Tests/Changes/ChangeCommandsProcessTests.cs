using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

/// <summary>The real plex-improve binary in a child process: the shipped checker script is found beside it, and exit codes reach the shell.</summary>
public sealed class ChangeCommandsProcessTests
{
    [Fact]
    public async Task CheckThenApply_AsAChildProcess_UseTheShippedChecker()
    {
        using var home = new TempDirectory();
        var python = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr");
        var environment = new Dictionary<string, string>
        {
            ["PLEXIMPROVE__Python27__Path"] = Path.Combine(python, "bin", "python2.7"),
            ["PLEXIMPROVE__Python27__Home"] = python,
            ["PLEXIMPROVE__Plex__PluginsDir"] = home.File("Plug-ins"),
            ["PLEXIMPROVE__Run__WorkDir"] = home.File("work"),
        };
        var code = Path.Combine(home.Path, "Plug-ins", "Agent.bundle", "Contents", "Code");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(code, "__init__.py"), "def search(results, media, lang):\n    n = 0\n    n -= 1\n");
        File.WriteAllText(home.File("fix.json"), """{"edits": [{"file": "Agent.bundle/Contents/Code/__init__.py", "search": "n -= 1", "replace": "n = n - 1"}]}""");

        var check = await CliRunner.RunAsync(home.Path, environment, "check", "--strict", code);
        var apply = await CliRunner.RunAsync(home.Path, environment, "apply", "--iteration", "1", "--fix-id", "aug", "--patch", home.File("fix.json"));
        var recheck = await CliRunner.RunAsync(home.Path, environment, "check", "--strict", code);

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("[augmented-operator]", check.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("applied", apply.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, recheck.ExitCode);
    }
}

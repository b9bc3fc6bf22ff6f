using PlexImprove.Cli.Tests.TestSupport;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>check</c> on a bundle folder judges only the code Plex loads, with the bundle's own import path and builtins.</summary>
public sealed class CheckWhatPlexLoadsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "check-loads-" + Guid.NewGuid().ToString("N")[..8]);

    private Dictionary<string, string> Environment() => new()
    {
        ["PLEXIMPROVE__Python27__Path"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr", "bin", "python2.7"),
        ["PLEXIMPROVE__Python27__Home"] = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr"),
    };

    private string Bundle(params (string Path, string Text)[] files)
    {
        var bundle = Path.Combine(_root, "Plug-ins", "Sample.bundle");
        Directory.CreateDirectory(Path.Combine(bundle, "Contents"));
        File.WriteAllText(Path.Combine(bundle, "Contents", "Info.plist"),
            "<plist><dict><key>CFBundleIdentifier</key><string>com.plexapp.agents.sample</string></dict></plist>");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(bundle, "Contents", path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return bundle;
    }

    [Fact]
    public async Task CodeBesideTheBundlesCode_IsNotJudged_AndTheBundleLoads()
    {
        var bundle = Bundle(("Code/__init__.py", "def Start():\n    pass\n"), ("test/test_agent.py", "_private = 1\nprint(f'{_private}')\n"));

        var result = await CliRunner.RunAsync(_root, Environment(), "check", bundle);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("test_agent.py", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 file(s) checked", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModuleTheBundleShipsInLibrariesShared_IsNoUnavailableImport()
    {
        var bundle = Bundle(("Code/__init__.py", "import typing\nimport queue\n"), ("Libraries/Shared/typing.py", "List = list\n"));

        var result = await CliRunner.RunAsync(_root, Environment(), "check", "--strict", Path.Combine(bundle, "Contents", "Code"));

        Assert.Contains("No module named queue", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("No module named typing", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BundleThatReinstatesTheBuiltins_GetsNoMissingBuiltinFindings()
    {
        var init = "import sys\nmodule = sys.modules['__main__']\nfor key, value in getattr(module, '__builtins__').iteritems():\n    globals()[key] = value\nimport helpers\n";
        var bundle = Bundle(("Code/__init__.py", init), ("Code/helpers.py", "TOTAL = sum([1, 2])\n"));

        var result = await CliRunner.RunAsync(_root, Environment(), "check", "--strict", bundle);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("missing-builtin", result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

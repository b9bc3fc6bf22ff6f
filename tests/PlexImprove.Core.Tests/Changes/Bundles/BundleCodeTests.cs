using PlexImprove.Core.Changes.Bundles;
using Xunit;

namespace PlexImprove.Core.Tests.Changes.Bundles;

public sealed class BundleCodeTests
{
    private static string Write(string root, string relative, string text = "")
    {
        var path = Path.Combine(root, "Sample.bundle", "Contents", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void OnlyCodeAndLibraries_AreCodePlexLoads()
    {
        using var folder = new PlexImprove.Testing.TempDirectory();

        Assert.True(BundleCode.IsLoadedCode(Write(folder.Path, "Code/__init__.py")));
        Assert.True(BundleCode.IsLoadedCode(Write(folder.Path, "Libraries/Shared/lib.py")));
        Assert.False(BundleCode.IsLoadedCode(Write(folder.Path, "test/test_agent.py")));
        Assert.False(BundleCode.IsLoadedCode(Write(folder.Path, "Resources/tool.py")));
        Assert.True(BundleCode.IsLoadedCode(Path.Combine(folder.Path, "loose.py")));
    }

    [Fact]
    public void Modules_AreTheBundlesLibrariesAndCodePackages()
    {
        using var folder = new PlexImprove.Testing.TempDirectory();
        Write(folder.Path, "Code/__init__.py");
        Write(folder.Path, "Code/interface/__init__.py");
        Write(folder.Path, "Libraries/Shared/typing.py");
        Write(folder.Path, "Libraries/Shared/concurrent/__init__.py");
        Write(folder.Path, "Libraries/Shared/data/readme.txt");
        Write(folder.Path, "Libraries/Linux/x86_64/fastlib.so");

        var code = BundleCode.Read(Path.Combine(folder.Path, "Sample.bundle"));

        Assert.Equal(["concurrent", "fastlib", "interface", "typing"], code.Modules);
    }

    [Theory]
    [InlineData("for key, value in getattr(module, '__builtins__').iteritems():\n    globals()[key] = value\n", true)]
    [InlineData("import __builtin__\nfor name in dir(__builtin__):\n    globals() [name] = getattr(__builtin__, name)\n", true)]
    [InlineData("globals()['x'] = 1\n", false)]
    [InlineData("def Start():\n    pass\n", false)]
    public void ReinstatedBuiltins_AreRecognised(string init, bool reinstated) =>
        Assert.Equal(reinstated, BundleCode.ReinstatesBuiltins(init));
}

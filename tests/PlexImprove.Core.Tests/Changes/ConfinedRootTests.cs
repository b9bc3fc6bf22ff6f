using PlexImprove.Core.Changes.Files;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class ConfinedRootTests
{
    [Theory]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("../Preferences.xml")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/*.py")]
    [InlineData("..\\x.py")]
    [InlineData("*.py\0")]
    public void RequireFileNamePattern_PatternNamingAFolder_IsRefused(string pattern)
    {
        using var dir = new TempDirectory();
        var root = new ConfinedRoot(dir.Sub("root"), "Plug-ins folder");

        var error = Assert.Throws<PathConfinementException>(() => root.RequireFileNamePattern(pattern));

        Assert.Contains("Nothing was read or written", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnumerateFiles_FileSymlinkLeadingOut_IsLeftOut()
    {
        using var dir = new TempDirectory();
        var rootPath = dir.Sub("root");
        dir.Write("root/a.py", "a = 1\n");
        var secret = dir.Write("outside/secret.py", "token = 1\n");
        File.CreateSymbolicLink(Path.Combine(rootPath, "b.py"), secret);
        var root = new ConfinedRoot(rootPath, "Plug-ins folder");

        var files = root.EnumerateFiles(new ConfinedPath("", root.FullPath), "*.py", recurse: true);

        Assert.Equal(["a.py"], files.Select(root.Relative));
    }

    [Fact]
    public void Resolve_ControlCharacterInPath_IsRefusedWithAReadableMessage()
    {
        using var dir = new TempDirectory();
        var root = new ConfinedRoot(dir.Sub("root"), "work folder");

        var error = Assert.Throws<PathConfinementException>(() => root.Resolve("iteration_1/report\0.md"));

        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contains_FolderSymlinkLeadingOut_IsFalse()
    {
        using var dir = new TempDirectory();
        var rootPath = dir.Sub("root");
        var outside = dir.Sub("outside");
        Directory.CreateSymbolicLink(Path.Combine(rootPath, "iteration_1"), outside);
        var root = new ConfinedRoot(rootPath, "work folder");

        Assert.False(root.Contains(Path.Combine(rootPath, "iteration_1")));
        Assert.False(root.Contains(Path.Combine(rootPath, "iteration_1", "report.md")));
        Assert.True(root.Contains(Path.Combine(rootPath, "iteration_2", "report.md")));
    }

    [Fact]
    public void SamePlace_SymlinkAndItsTarget_AreTheSamePlace()
    {
        using var dir = new TempDirectory();
        var target = dir.Sub("logs");
        var link = Path.Combine(dir.Path, "logs-link");
        Directory.CreateSymbolicLink(link, target);

        Assert.True(ConfinedRoot.SamePlace(link + Path.DirectorySeparatorChar, target));
        Assert.False(ConfinedRoot.SamePlace(dir.Sub("other"), target));
    }
}

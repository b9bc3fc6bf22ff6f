using PlexImprove.Core.Changes.Files;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class PluginsRootTests
{
    [Fact]
    public void Resolve_PathInsideRoot_GivesRelativeAndFullPath()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "x = 1\n");

        var resolved = new PluginsRoot(fixture.Plugins).Resolve("A.bundle/Contents/Code/__init__.py");

        Assert.Equal("A.bundle/Contents/Code/__init__.py", resolved.RelativePath);
        Assert.True(File.Exists(resolved.FullPath));
    }

    [Theory]
    [InlineData("../outside.py")]
    [InlineData("A.bundle/../../outside.py")]
    [InlineData("/etc/passwd")]
    public void Resolve_PathLeavingRoot_IsRefused(string path)
    {
        using var fixture = new ChangeFixture();

        var error = Assert.Throws<PathConfinementException>(() => new PluginsRoot(fixture.Plugins).Resolve(path));
        Assert.Contains(path.StartsWith('/') ? "is outside the Plug-ins folder" : "contains '..'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A.bundle/Contents/Code/__init__\0.py")]
    [InlineData("A.bundle/Contents/Code/\u001b[2J.py")]
    public void Resolve_PathWithAControlCharacter_IsRefusedAsConfinement_NotAnArgumentException(string path)
    {
        using var fixture = new ChangeFixture();

        var error = Assert.Throws<PathConfinementException>(() => new PluginsRoot(fixture.Plugins).Resolve(path));

        Assert.Contains("control character", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
    }

    [Fact]
    public void Resolve_SymlinkedFolderLeadingOut_IsRefused()
    {
        using var fixture = new ChangeFixture();
        var outside = Directory.CreateDirectory(Path.Combine(fixture.Folder, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "__init__.py"), "x = 1\n");
        Directory.CreateSymbolicLink(Path.Combine(fixture.Plugins, "Evil.bundle"), outside);

        var error = Assert.Throws<PathConfinementException>(() => new PluginsRoot(fixture.Plugins).Resolve("Evil.bundle/__init__.py"));

        Assert.Contains("symlink", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SymlinkInsideRoot_IsAllowed()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("Real.bundle/Contents/Code/__init__.py", "x = 1\n");
        Directory.CreateSymbolicLink(Path.Combine(fixture.Plugins, "Alias.bundle"), Path.Combine(fixture.Plugins, "Real.bundle"));

        var resolved = new PluginsRoot(fixture.Plugins).Resolve("Alias.bundle/Contents/Code/__init__.py");

        Assert.Equal("Real.bundle/Contents/Code/__init__.py", resolved.RelativePath);
    }
}

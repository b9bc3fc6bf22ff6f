using Xunit;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Tests.TestSupport;

namespace PlexImprove.Core.Tests.Logs;

public sealed class PluginLogFolderTests
{
    [Theory]
    [InlineData("com.plexapp.agents.AEBN.log", "com.plexapp.agents.AEBN", 0)]
    [InlineData("com.plexapp.agents.AEBN.log.1", "com.plexapp.agents.AEBN", 1)]
    [InlineData("com.plexapp.agents.AEBN.log.5", "com.plexapp.agents.AEBN", 5)]
    [InlineData("com.plexapp.system.log", "com.plexapp.system", 0)]
    public void TryParseName_AcceptsLogsAndTheirFiveRotations(string name, string agent, int rotation)
    {
        Assert.True(PluginLogFolder.TryParseName(name, out var parsedAgent, out var parsedRotation));
        Assert.Equal((agent, rotation), (parsedAgent, parsedRotation));
    }

    [Theory]
    [InlineData("com.plexapp.agents.AEBN.log.6")]
    [InlineData("com.plexapp.agents.AEBN.log.0")]
    [InlineData("com.plexapp.agents.AEBN.log.gz")]
    [InlineData("com.plexapp.agents.AEBN.txt")]
    [InlineData(".log")]
    [InlineData("notes.md")]
    public void TryParseName_IgnoresEverythingElse(string name)
    {
        Assert.False(PluginLogFolder.TryParseName(name, out _, out _));
    }

    [Fact]
    public void Open_OrdersEachAgentsFilesOldestFirst()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "b.log", "a.log.2", "a.log", "a.log.1", "b.log.5", "readme.txt" })
        {
            File.WriteAllText(dir.File(name), "");
        }

        var folder = PluginLogFolder.Open(dir.Path);

        Assert.Equal(["a.log.2", "a.log.1", "a.log", "b.log.5", "b.log"], folder.Files.Select(f => f.Name));
        Assert.Equal(["a", "b"], folder.Agents);
    }

    [Fact]
    public void Open_OnAMissingFolder_NamesThePathAndWhatWasExpected()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-plugin-logs-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<InvalidInputException>(() => PluginLogFolder.Open(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("PMS Plugin Logs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_LogSymlinkLeadingOutOfTheFolder_IsNotRead()
    {
        using var dir = new TempDirectory();
        var logs = dir.Sub("logs");
        File.WriteAllText(Path.Combine(logs, "com.plexapp.agents.A.log"), "");
        var outside = dir.Write("outside/passwd", "root:x:0:0:root:/root:/bin/bash\n");
        File.CreateSymbolicLink(Path.Combine(logs, "com.plexapp.agents.Evil.log"), outside);

        var folder = PluginLogFolder.Open(logs);

        Assert.Equal(["com.plexapp.agents.A.log"], folder.Files.Select(f => f.Name));
    }
}

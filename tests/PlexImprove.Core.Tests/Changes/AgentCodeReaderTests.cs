using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Changes.Reading;
using PlexImprove.Core.Errors;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

public sealed class AgentCodeReaderTests
{
    [Fact]
    public void ReadAgentFile_GivesNumberedLinesAndHash()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "a = 1\r\nb = 2\r\nc = 3\r\n");

        var excerpt = new AgentCodeReader(new PluginsRoot(fixture.Plugins)).ReadAgentFile("A.bundle/Contents/Code/__init__.py", 2, 3);

        Assert.Equal(["b = 2", "c = 3"], excerpt.Lines);
        Assert.Equal((3, 2, 3, true), (excerpt.TotalLines, excerpt.StartLine, excerpt.EndLine, excerpt.Crlf));
        Assert.Equal(FileSnapshot.HashOf(fixture.Read("A.bundle/Contents/Code/__init__.py")), excerpt.Sha256);
    }

    [Fact]
    public void ReadAgentFile_OutsideTheRoot_IsRefused()
    {
        using var fixture = new ChangeFixture();
        File.WriteAllText(Path.Combine(fixture.Folder, "secret.py"), "x = 1\n");

        var error = Assert.Throws<PathConfinementException>(() => new AgentCodeReader(new PluginsRoot(fixture.Plugins)).ReadAgentFile("../secret.py"));
        Assert.Contains("'../secret.py' contains '..'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchAgentCode_NestedRepetitionOverManyLines_RunsInLinearTime_AndFindsNothing()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", string.Concat(Enumerable.Repeat(new string('a', 40) + "!\n", 150)));

        var matches = new AgentCodeReader(new PluginsRoot(fixture.Plugins)).SearchAgentCode("(a+)+$", isRegex: true, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(matches);
    }

    [Fact]
    public void SearchAgentCode_LongerThanItsTimeLimitOverTheWholeCall_StopsWithAClearMessage()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "a = 1\nb = 2\nc = 3\nd = 4\n");

        // A backreference needs the backtracking engine; each line costs a second on this clock.
        var error = Assert.Throws<InvalidInputException>(() =>
            new AgentCodeReader(new PluginsRoot(fixture.Plugins), new SecondPerReadingClock()).SearchAgentCode(@"(\w) = \1", isRegex: true, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("took more than 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simplify the pattern", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SearchAgentCode_Cancelled_StopsBeforeReadingAFile()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "a = 1\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new AgentCodeReader(new PluginsRoot(fixture.Plugins)).SearchAgentCode("a", cancellationToken: cancelled.Token));
    }

    [Fact]
    public void SearchAgentCode_FindsLinesAcrossBundlesButNotThroughEscapingSymlinks()
    {
        using var fixture = new ChangeFixture();
        fixture.Write("A.bundle/Contents/Code/__init__.py", "x = 1\nHTTP.Request(url)\n");
        fixture.Write("B.bundle/Contents/Code/utils.py", "HTTP.Request(other)\n");
        var outside = Directory.CreateDirectory(Path.Combine(fixture.Folder, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "leak.py"), "HTTP.Request(secret)\n");
        Directory.CreateSymbolicLink(Path.Combine(fixture.Plugins, "Evil.bundle"), outside);

        var matches = new AgentCodeReader(new PluginsRoot(fixture.Plugins)).SearchAgentCode("HTTP.Request(", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            [new CodeMatch("A.bundle/Contents/Code/__init__.py", 2, "HTTP.Request(url)"), new CodeMatch("B.bundle/Contents/Code/utils.py", 1, "HTTP.Request(other)")],
            matches);
    }

    /// <summary>A clock whose every reading is one second after the last.</summary>
    private sealed class SecondPerReadingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond);
    }
}

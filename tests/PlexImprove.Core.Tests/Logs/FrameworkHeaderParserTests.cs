using Xunit;
using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Tests.Logs;

public sealed class FrameworkHeaderParserTests
{
    [Fact]
    public void TryParse_ReadsEveryFieldOfAFrameworkLine()
    {
        var line = "2024-03-02 18:41:07,512 (7f3a2c1fe700) :  INFO (logkit:16) - message here"u8;

        Assert.True(FrameworkHeaderParser.TryParse(line, out var header));

        Assert.Equal(new DateTime(2024, 3, 2, 18, 41, 7, 512), header.Timestamp);
        Assert.Equal(PluginLogLevel.Info, header.Level);
        Assert.Equal("7f3a2c1fe700", Encoding.UTF8.GetString(line.Slice(header.ThreadStart, header.ThreadLength)));
        Assert.Equal("logkit", Encoding.UTF8.GetString(line.Slice(header.ModuleStart, header.ModuleLength)));
        Assert.Equal(16, header.SourceLine);
        Assert.Equal("message here", Encoding.UTF8.GetString(line[header.MessageStart..]));
    }

    [Fact]
    public void TryParse_AcceptsNegativeThreadIdsAndStripsOneThreadTag()
    {
        var line = "2024-03-02 18:41:07,512 (-490a0254) :  CRITICAL (agentkit:1018) - [T:12] [T:13] crash"u8;

        Assert.True(FrameworkHeaderParser.TryParse(line, out var header));

        Assert.True(header.ThreadKey < 0);
        Assert.Equal("[T:13] crash", Encoding.UTF8.GetString(line[header.MessageStart..]));
    }

    [Fact]
    public void TryParse_AcceptsAnEmptyMessage()
    {
        Assert.True(FrameworkHeaderParser.TryParse("2024-03-02 18:41:07,512 (1) :  DEBUG (a:1) - "u8, out _));
    }

    [Theory]
    [InlineData("2024-03-02 18:41:07,512 (7f3a) : INFO (logkit:16) - one space after colon")]
    [InlineData("2024-03-02 18:41:07.512 (7f3a) :  INFO (logkit:16) - dot before milliseconds")]
    [InlineData("2024-03-02 18:41:07,512 (7F3A) :  INFO (logkit:16) - upper-case hex")]
    [InlineData("2024-03-02 18:41:07,512 (7f3a) :  NOTICE (logkit:16) - unknown level")]
    [InlineData("2024-03-02 18:41:07,512 (7f3a) :  INFO (log:kit:16) - colon in module")]
    [InlineData("2024-03-02 18:41:07,512 (7f3a) :  INFO (logkit:) - no line number")]
    [InlineData("2024-03-02 18:41:07,512 (7f3a) :  INFO (logkit:16)- no space")]
    [InlineData("2024-13-02 18:41:07,512 (7f3a) :  INFO (logkit:16) - month 13")]
    [InlineData("2024-02-30 18:41:07,512 (7f3a) :  INFO (logkit:16) - February 30th")]
    [InlineData("  File \"/x/agentkit.py\", line 1011, in _search")]
    [InlineData("HTTPError: HTTP Error 403: Forbidden")]
    [InlineData("")]
    public void TryParse_RejectsLinesTheFrameworkRegexRejects(string line)
    {
        Assert.False(FrameworkHeaderParser.TryParse(Encoding.UTF8.GetBytes(line), out _));
    }
}

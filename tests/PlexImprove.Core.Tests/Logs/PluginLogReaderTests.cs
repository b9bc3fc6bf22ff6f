using Xunit;
using System.Text;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Tests.Logs;

public sealed class PluginLogReaderTests
{
    private const string Header = "2026-02-05 14:00:00,000 (a1) :  ";

    [Fact]
    public void ReadRecords_AttachesFollowingLinesAsContinuation()
    {
        var text = $"{Header}CRITICAL (agentkit:1018) - Exception in the search function (most recent call last):\n  File \"x.py\", line 1, in search\nHTTPError: HTTP Error 403: Forbidden\n{Header}INFO (logkit:16) - next\n";

        var records = Read(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(["  File \"x.py\", line 1, in search", "HTTPError: HTTP Error 403: Forbidden"], records[0].ContinuationLines);
        Assert.Equal("Exception in the search function (most recent call last):\n  File \"x.py\", line 1, in search\nHTTPError: HTTP Error 403: Forbidden", records[0].Body);
        Assert.Empty(records[1].ContinuationLines);
    }

    [Fact]
    public void ReadRecords_AcceptsCrLfLikeLf()
    {
        var lf = $"{Header}INFO (logkit:16) - [T:3] one\ncontinued\n{Header}ERROR (logkit:22) - two\n";

        var fromLf = Read(lf);
        var fromCrLf = Read(lf.Replace("\n", "\r\n"));

        Assert.Equal(fromLf.Select(r => r.Body), fromCrLf.Select(r => r.Body));
        Assert.Equal("one\ncontinued", fromCrLf[0].Body);
    }

    [Fact]
    public void ReadRecords_ReplacesInvalidUtf8_AndKeepsValidNonAscii()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}INFO (logkit:16) - ❌ Don’t ").Concat(new byte[] { 0xff, 0xfe, (byte)'\n' }).ToArray();

        var record = PluginLogReader.ReadRecords(new MemoryStream(bytes)).Single();

        Assert.StartsWith("❌ Don’t ", record.Message, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', record.Message);
    }

    [Fact]
    public void ReadRecords_KeepsATruncatedLastRecord()
    {
        var records = Read($"{Header}INFO (logkit:16) - complete\n{Header}ERROR (logkit:22) - cut off in the mid");

        Assert.Equal("cut off in the mid", records[^1].Message);
    }

    [Fact]
    public void ReadRecords_SurvivesALineLongerThanTheLineLimit()
    {
        var huge = new string('x', PluginLogStreamReader.MaxLineBytes + 1000);
        var records = Read($"{Header}INFO (logkit:16) - {huge}\n{Header}INFO (logkit:16) - after\n");

        Assert.Equal(2, records.Count);
        Assert.Equal("after", records[1].Message);
        Assert.True(records[0].Message.Length < huge.Length);
    }

    [Fact]
    public void ReadRecords_KeepsTheLastLineOfAnEndlessTraceback()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"  File \"frame{i}.py\", line {i}, in f"));
        var records = Read($"{Header}CRITICAL (agentkit:1018) - crash\n{lines}\nIndexError: list index out of range\n");

        Assert.Equal("IndexError: list index out of range", records.Single().ContinuationLines[^1]);
    }

    private static IReadOnlyList<LogRecord> Read(string text) =>
        PluginLogReader.ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(text)));
}

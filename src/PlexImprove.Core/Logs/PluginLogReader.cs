namespace PlexImprove.Core.Logs;

/// <summary>Reads a plugin log file as <see cref="LogRecord"/>s: the convenient, allocating form for small inputs.</summary>
public static class PluginLogReader
{
    /// <summary>Every record of one file, in order. Lines before the first record are skipped.</summary>
    public static IReadOnlyList<LogRecord> ReadRecords(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return ReadRecords(stream);
    }

    /// <summary>Every record of a stream, in order.</summary>
    public static IReadOnlyList<LogRecord> ReadRecords(Stream stream)
    {
        var sink = new CollectingSink();
        new PluginLogStreamReader(sink).Read(stream);
        return sink.Records;
    }

    private sealed class CollectingSink : IRawRecordSink
    {
        public List<LogRecord> Records { get; } = [];

        public void OnRecord(in RawRecord record) => Records.Add(record.ToLogRecord());
    }
}

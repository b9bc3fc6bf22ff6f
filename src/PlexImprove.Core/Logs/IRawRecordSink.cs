namespace PlexImprove.Core.Logs;

/// <summary>Receives the records of one file in order, as the reader assembles them.</summary>
internal interface IRawRecordSink
{
    void OnRecord(in RawRecord record);
}

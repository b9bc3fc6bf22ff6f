using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>Where a run stands as a whole.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoopStatus>))]
public enum LoopStatus
{
    /// <summary>A process is working on it (or was killed while it did: <c>--resume</c> continues).</summary>
    [JsonStringEnumMemberName("running")] Running,

    /// <summary>Stopped on purpose (Ctrl+C, an unreachable Plex, a failing brain) with its state saved; <c>--resume</c> continues.</summary>
    [JsonStringEnumMemberName("paused")] Paused,

    /// <summary>An exit condition ended it.</summary>
    [JsonStringEnumMemberName("finished")] Finished,

    /// <summary>A phase failed in a way resuming cannot repair.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

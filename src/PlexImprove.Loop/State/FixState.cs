using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>What became of a proposed fix.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FixState>))]
public enum FixState
{
    /// <summary>Not started yet, or being applied and tested (see <see cref="FixStep"/>).</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>Tested and kept (KEEP).</summary>
    [JsonStringEnumMemberName("kept")] Kept,

    /// <summary>Tested and kept under watch (MONITOR: too few items, or between the thresholds).</summary>
    [JsonStringEnumMemberName("monitor")] Monitor,

    /// <summary>Applied, then restored from its backup (ROLLBACK, or the plugin did not load).</summary>
    [JsonStringEnumMemberName("rolled_back")] RolledBack,

    /// <summary>The Python 2.7 gate refused the change; nothing was written.</summary>
    [JsonStringEnumMemberName("blocked")] Blocked,

    /// <summary>No patch, a patch that does not apply, or nothing in the logs it could be tested on.</summary>
    [JsonStringEnumMemberName("not_applicable")] NotApplicable,
}

using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>How far a fix got; saved before each step starts, so a killed run resumes at the right one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FixStep>))]
public enum FixStep
{
    [JsonStringEnumMemberName("queued")] Queued,

    /// <summary>The change engine was called: backup written, files maybe written (checked by hash on resume).</summary>
    [JsonStringEnumMemberName("applying")] Applying,

    /// <summary>Written; the plugin is not yet restarted.</summary>
    [JsonStringEnumMemberName("applied")] Applied,

    /// <summary>Restarted and checked; the active test has not finished.</summary>
    [JsonStringEnumMemberName("restarted")] Restarted,

    /// <summary>Tested and decided; a ROLLBACK may still have to be restored.</summary>
    [JsonStringEnumMemberName("decided")] Decided,

    /// <summary>Nothing left to do for this fix.</summary>
    [JsonStringEnumMemberName("done")] Done,
}

using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>The phase an iteration is in; saved before the phase starts, so a resume knows what to redo.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoopPhase>))]
public enum LoopPhase
{
    /// <summary>Refreshing the library once before the first iteration, so the logs hold a baseline (demo).</summary>
    [JsonStringEnumMemberName("baseline")] Baseline,
    [JsonStringEnumMemberName("aggregate")] Aggregate,
    [JsonStringEnumMemberName("diagnose")] Diagnose,

    /// <summary>Applying, restarting, testing and deciding the fixes one at a time.</summary>
    [JsonStringEnumMemberName("fixes")] Fixes,
    [JsonStringEnumMemberName("postmortem")] PostMortem,
    [JsonStringEnumMemberName("lessons")] Lessons,
    [JsonStringEnumMemberName("exit")] Exit,

    /// <summary>Refreshing the library once after the last iteration to measure the final state (demo).</summary>
    [JsonStringEnumMemberName("final")] Final,
    [JsonStringEnumMemberName("done")] Done,
}

using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Preflight;

/// <summary>What the patched agent did with one failing item.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PreflightItemOutcome>))]
public enum PreflightItemOutcome
{
    /// <summary>The search found a result Plex would take and the update filled in a title.</summary>
    [JsonStringEnumMemberName("matched")] Matched,

    /// <summary>The search returned nothing, or nothing scoring high enough for Plex to match it.</summary>
    [JsonStringEnumMemberName("no_match")] NoMatch,

    /// <summary>The search raised (the traceback is in the result).</summary>
    [JsonStringEnumMemberName("search_crashed")] SearchCrashed,

    /// <summary>The update raised, or filled in no title.</summary>
    [JsonStringEnumMemberName("update_failed")] UpdateFailed,

    /// <summary>The plug-in did not load, stopped or did not answer in time.</summary>
    [JsonStringEnumMemberName("plugin_unavailable")] PluginUnavailable,
}

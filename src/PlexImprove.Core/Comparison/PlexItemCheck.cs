using System.Text.Json.Serialization;

namespace PlexImprove.Core.Comparison;

/// <summary>What Plex shows for an item after its refresh: the second, independent judge of an active test.</summary>
public sealed class PlexItemCheck
{
    /// <summary><c>updatedAt</c> after the refresh is later than before it.</summary>
    [JsonPropertyName("updatedAtAdvanced")] public bool UpdatedAtAdvanced { get; init; }

    [JsonPropertyName("hasTitle")] public bool HasTitle { get; init; }
    [JsonPropertyName("hasYear")] public bool HasYear { get; init; }
    [JsonPropertyName("hasSummary")] public bool HasSummary { get; init; }

    /// <summary>The item carries a guid of one of the tested agents (<c>com.plexapp.agents.&lt;agent&gt;://…</c>).</summary>
    [JsonPropertyName("hasAgentGuid")] public bool HasAgentGuid { get; init; }

    /// <summary>Every check holds.</summary>
    [JsonPropertyName("passed")]
    public bool Passed
    {
        get => UpdatedAtAdvanced && HasTitle && HasYear && HasSummary && HasAgentGuid;
        init { } // Derived; accepted on read so reports round-trip.
    }

    /// <summary>The checks that failed, by name, for the report.</summary>
    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!UpdatedAtAdvanced) missing.Add("updatedAt did not advance");
        if (!HasTitle) missing.Add("no title");
        if (!HasYear) missing.Add("no year");
        if (!HasSummary) missing.Add("no summary");
        if (!HasAgentGuid) missing.Add("no guid of the agent");
        return missing;
    }
}

using System.Text.Json.Serialization;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Statistics;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// The counters of the metrics document (schema version 1), for one agent or for all of them.
/// Each counter follows a documented counting rule; see README "How Phase 1 counts".
/// </summary>
public sealed class Counts
{
    [JsonPropertyName("searchesStarted")] public long SearchesStarted { get; set; }
    [JsonPropertyName("searchesSucceeded")] public long SearchesSucceeded { get; set; }
    [JsonPropertyName("searchesFailed")] public long SearchesFailed { get; set; }
    [JsonPropertyName("searchesUnfinished")] public long SearchesUnfinished { get; set; }
    [JsonPropertyName("updatesStarted")] public long UpdatesStarted { get; set; }
    [JsonPropertyName("updatesSucceeded")] public long UpdatesSucceeded { get; set; }
    [JsonPropertyName("updatesFailed")] public long UpdatesFailed { get; set; }
    [JsonPropertyName("updatesUnfinished")] public long UpdatesUnfinished { get; set; }

    /// <summary>(searches + updates succeeded) / (searches + updates started); null when nothing started.</summary>
    [JsonPropertyName("successRate")]
    public double? SuccessRate
    {
        get => Started == 0 ? null : (double)Succeeded / Started;
        init { } // Derived; accepted on read so documents round-trip.
    }

    /// <summary>Wilson 95% interval of <see cref="SuccessRate"/>; null when nothing started.</summary>
    [JsonPropertyName("successRateCi95")]
    public double[]? SuccessRateCi95
    {
        get => WilsonScore.Interval(Math.Min(Succeeded, Started), Started) is { } ci ? [ci.Low, ci.High] : null;
        init { } // Derived; accepted on read so documents round-trip.
    }

    [JsonPropertyName("titleMatchFailures")] public long TitleMatchFailures { get; set; }
    [JsonPropertyName("studioMatchFailures")] public long StudioMatchFailures { get; set; }
    [JsonPropertyName("dateMatchFailures")] public long DateMatchFailures { get; set; }
    [JsonPropertyName("durationMatchFailures")] public long DurationMatchFailures { get; set; }
    [JsonPropertyName("noResults")] public long NoResults { get; set; }
    [JsonPropertyName("urlErrors")] public long UrlErrors { get; set; }
    [JsonPropertyName("timeouts")] public long Timeouts { get; set; }
    [JsonPropertyName("modelReadErrors")] public long ModelReadErrors { get; set; }
    [JsonPropertyName("loadFailures")] public long LoadFailures { get; set; }
    [JsonPropertyName("noise")] public long Noise { get; set; }

    /// <summary>Records mentioning <c>HTTP Error NNN</c>, by code (each distinct code once per record).</summary>
    [JsonPropertyName("httpErrors")] public SortedDictionary<string, long> HttpErrors { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Agent crashes by exception type (<c>HTTPError</c>, <c>IndexError</c> …).</summary>
    [JsonPropertyName("exceptions")] public SortedDictionary<string, long> Exceptions { get; init; } = new(StringComparer.Ordinal);

    [JsonPropertyName("levels")] public LevelCounts Levels { get; init; } = new();

    [JsonIgnore] public long Started => SearchesStarted + UpdatesStarted;

    [JsonIgnore] public long Succeeded => SearchesSucceeded + UpdatesSucceeded;

    /// <summary>Adds every counter of <paramref name="other"/> to this one.</summary>
    public void Add(Counts other)
    {
        SearchesStarted += other.SearchesStarted;
        SearchesSucceeded += other.SearchesSucceeded;
        SearchesFailed += other.SearchesFailed;
        SearchesUnfinished += other.SearchesUnfinished;
        UpdatesStarted += other.UpdatesStarted;
        UpdatesSucceeded += other.UpdatesSucceeded;
        UpdatesFailed += other.UpdatesFailed;
        UpdatesUnfinished += other.UpdatesUnfinished;
        TitleMatchFailures += other.TitleMatchFailures;
        StudioMatchFailures += other.StudioMatchFailures;
        DateMatchFailures += other.DateMatchFailures;
        DurationMatchFailures += other.DurationMatchFailures;
        NoResults += other.NoResults;
        UrlErrors += other.UrlErrors;
        Timeouts += other.Timeouts;
        ModelReadErrors += other.ModelReadErrors;
        LoadFailures += other.LoadFailures;
        Noise += other.Noise;
        AddAll(HttpErrors, other.HttpErrors);
        AddAll(Exceptions, other.Exceptions);
        Levels.Add(other.Levels);
    }

    internal static void Increment(SortedDictionary<string, long> counters, string key, long by = 1) =>
        counters[key] = counters.GetValueOrDefault(key) + by;

    private static void AddAll(SortedDictionary<string, long> target, SortedDictionary<string, long> source)
    {
        foreach (var (key, value) in source)
        {
            Increment(target, key, value);
        }
    }
}

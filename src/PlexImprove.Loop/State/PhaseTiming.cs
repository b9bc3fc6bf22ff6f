using System.Text.Json.Serialization;

namespace PlexImprove.Loop.State;

/// <summary>Wall time spent per phase over the whole run, in seconds (kept across resumes).</summary>
public sealed class PhaseTiming
{
    /// <summary>The timed phases, in report order.</summary>
    public static readonly IReadOnlyList<string> Phases = ["baseline", "aggregate", "diagnose", "preflight", "apply", "restart", "refresh wait", "rollback", "post-mortem", "lessons", "final"];

    [JsonPropertyName("seconds")] public SortedDictionary<string, double> Seconds { get; init; } = new(StringComparer.Ordinal);

    public void Add(string phase, TimeSpan elapsed) =>
        Seconds[phase] = (Seconds.TryGetValue(phase, out var s) ? s : 0) + elapsed.TotalSeconds;

    [JsonIgnore] public double Total => Seconds.Values.Sum();
}

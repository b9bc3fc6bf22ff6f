using System.Globalization;
using System.Text.Json.Serialization;

namespace PlexImprove.Agent.Preflight;

/// <summary>
/// What running a fix before it reaches Plex showed: the patched copy of the bundle, run in a scratch box on the
/// failing items from the logs. The count is evidence on the fix and the prediction the live test is held against.
/// </summary>
public sealed record PreflightResult
{
    [JsonPropertyName("fixId")] public required string FixId { get; init; }

    [JsonPropertyName("agent")] public required string Agent { get; init; }

    /// <summary>Whether the fix could be run at all (false: <see cref="Skipped"/> says why, and nothing is predicted).</summary>
    [JsonPropertyName("ran")] public required bool Ran { get; init; }

    /// <summary>Why the pre-flight did not run (no failing item's arguments in the logs, no bundle …).</summary>
    [JsonPropertyName("skipped")] public string? Skipped { get; init; }

    /// <summary>The patch did not apply to the scratch copy, or the patched plug-in did not load: the error.</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }

    [JsonPropertyName("items")] public IReadOnlyList<PreflightItemResult> Items { get; init; } = [];

    /// <summary>The distinct tracebacks the patched agent logged (bounded), for a brain that repairs its patch.</summary>
    [JsonPropertyName("tracebacks")] public IReadOnlyList<string> Tracebacks { get; init; } = [];

    [JsonPropertyName("elapsedMs")] public long ElapsedMs { get; init; }

    [JsonPropertyName("tried")] public int Tried => Items.Count;

    [JsonPropertyName("matched")] public int Matched => Items.Count(i => i.Outcome == PreflightItemOutcome.Matched);

    /// <summary>False only when the fix ran and made no failing item match: such a fix is never applied.</summary>
    [JsonIgnore] public bool Allows => !Ran || Matched > 0;

    /// <summary>One line for logs and decisions: <c>preflight: 4/5 failing items now match</c>.</summary>
    [JsonIgnore]
    public string Summary => !Ran
        ? $"preflight: not run ({Skipped})"
        : Error is { } error && Tried == 0
            ? $"preflight: 0 failing items match ({error})"
            : string.Create(CultureInfo.InvariantCulture, $"preflight: {Matched}/{Tried} failing items now match") + Breakdown();

    /// <summary>A result for a fix that could not be run, with the reason.</summary>
    public static PreflightResult NotRun(string fixId, string agent, string reason) => new() { FixId = fixId, Agent = agent, Ran = false, Skipped = reason };

    private string Breakdown()
    {
        var misses = Items.Where(i => i.Outcome != PreflightItemOutcome.Matched).GroupBy(i => i.Outcome).Select(g => $"{g.Count()} {Words(g.Key)}").ToList();
        return misses.Count == 0 ? "" : " (" + string.Join(", ", misses) + ")";
    }

    private static string Words(PreflightItemOutcome outcome) => outcome switch
    {
        PreflightItemOutcome.NoMatch => "without a match",
        PreflightItemOutcome.SearchCrashed => "search crashed",
        PreflightItemOutcome.UpdateFailed => "update failed",
        PreflightItemOutcome.PluginUnavailable => "plug-in unavailable",
        _ => outcome.ToString(),
    };
}

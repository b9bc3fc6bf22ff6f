using PlexImprove.Agent.Preflight;

namespace PlexImprove.Loop.Preflight;

/// <summary>The pre-flight of one fix on each of its agents, and whether the fix may reach the live plug-in.</summary>
public sealed record PreflightVerdict(IReadOnlyList<PreflightResult> Results, string FileName)
{
    /// <summary>False when some agent's pre-flight ran and no failing item of any agent matched.</summary>
    public bool Allows => !Results.Any(r => r.Ran) || Results.Sum(r => r.Matched) > 0;

    public int Tried => Results.Sum(r => r.Tried);

    public int Matched => Results.Sum(r => r.Matched);

    /// <summary>One line: each agent's summary (<c>preflight: 4/5 failing items now match</c>).</summary>
    public string Summary => string.Join("; ", Results.Select(r => Results.Count > 1 ? $"{r.Agent}: {r.Summary}" : r.Summary));
}

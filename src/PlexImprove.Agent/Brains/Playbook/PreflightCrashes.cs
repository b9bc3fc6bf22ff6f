using PlexImprove.Agent.Preflight;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>The tracebacks a pre-flight brought back, read as log incidents (file, line and code of the agent's frame).</summary>
internal static class PreflightCrashes
{
    /// <summary>A header in the log's format: pre-flight tracebacks are records with their timestamp and thread removed.</summary>
    private const string Header = "2000-01-01 00:00:00,000 (0) :  ";

    public static IReadOnlyList<LogIncident> Read(PreflightResult result) =>
        [.. result.Tracebacks.SelectMany(t => AgentLogScan.Parse(Header + t).OfKind("crash"))];
}

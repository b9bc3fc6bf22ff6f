using PlexImprove.Core.Comparison;
using PlexImprove.Core.Logs.Archive;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Plex.ActiveTesting;

/// <summary>What an active test needs: the fix, the affected agents, the baseline and the sample sizes.</summary>
public sealed class ActiveTestRequest
{
    public required string FixId { get; init; }

    /// <summary>The affected agents (full identifier or its last part: <c>com.plexapp.agents.AEBN</c> or <c>AEBN</c>).</summary>
    public required IReadOnlyList<string> Agents { get; init; }

    /// <summary>
    /// More agents whose baseline successes may serve as controls: every agent whose files the fix changed (a
    /// shared module or <c>--all-copies</c> reaches agents the failures were not in). Their failures are not tested.
    /// </summary>
    public IReadOnlyList<string> ControlAgents { get; init; } = [];

    /// <summary>The baseline metrics document; its window is re-read with sessions to find the items.</summary>
    public required MetricsDocument Baseline { get; init; }

    /// <summary>The plugin logs folder; null uses the baseline's.</summary>
    public string? LogsDir { get; init; }

    /// <summary>The run's log archive: brought up to date before each read and read instead of <see cref="LogsDir"/>, so a restart's rotation loses no line.</summary>
    public PluginLogArchive? Archive { get; init; }

    /// <summary>Failed items to refresh (<c>Test:FailedItems</c>). Default 20.</summary>
    public int FailedItems { get; init; } = 20;

    /// <summary>Control items to refresh (<c>Test:ControlItems</c>). Default 5.</summary>
    public int ControlItems { get; init; } = 5;

    public RefreshOptions Refresh { get; init; } = new();

    public DecisionThresholds Thresholds { get; init; } = new();

    /// <summary>Load failures found by the restart before the test (critical results).</summary>
    public IReadOnlyList<string> LoadFailures { get; init; } = [];
}

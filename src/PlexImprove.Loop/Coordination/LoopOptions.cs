using PlexImprove.Core.Comparison;
using PlexImprove.Core.Logs.Archive;
using PlexImprove.Loop.Exit;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Loop.Coordination;

/// <summary>What one run works on and how (from the command line and the <c>Loop:*</c>, <c>Test:*</c> and <c>Plex:*</c> settings).</summary>
public sealed class LoopOptions
{
    public required string WorkDir { get; init; }

    /// <summary>The Plug-ins folder the fixes change (in a dry run: the scratch copy).</summary>
    public required string PluginsDir { get; init; }
    public required string LogsDir { get; init; }

    /// <summary>Cap of the run's log archive (<c>Loop:LogArchiveMaxMiB</c>, default 512 MiB); past it the run pauses with its state saved.</summary>
    public long LogArchiveMaxBytes { get; init; } = PluginLogArchive.DefaultMaxBytes;

    /// <summary>The server address as shown in reports (never with a token).</summary>
    public required string PlexUrl { get; init; }

    /// <summary>Agents to work on (full identifiers); empty: every agent in the logs.</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    public ExitSettings Exit { get; init; } = new();

    /// <summary>Diagnose and validate every patch only; never write, refresh or restart.</summary>
    public bool DryRun { get; init; }

    /// <summary>Continue the run saved in the work folder.</summary>
    public bool Resume { get; init; }

    /// <summary>The shared lessons file the run's copy is seeded from (and merged back into with <see cref="UpdateLessons"/>).</summary>
    public string? LessonsSeedPath { get; init; }
    public bool UpdateLessons { get; init; }

    /// <summary>Refresh every item of the targeted agents once before iteration 1, so the logs hold a baseline (the demo's fresh library).</summary>
    public bool RefreshLibraryFirst { get; init; }

    /// <summary>Refresh every item once more after the last iteration and measure the final state from that window (the demo).</summary>
    public bool MeasureLibraryAtEnd { get; init; }

    public int FailedItems { get; init; } = 20;
    public int ControlItems { get; init; } = 5;
    public RefreshOptions Refresh { get; init; } = new();

    /// <summary>
    /// The longest a live test waits for a site's Retry-After after its last 429 (<c>Test:RetryAfterMaxWaitSeconds</c>,
    /// default 60 s; 0 never waits).
    /// </summary>
    public TimeSpan RetryAfterMaxWait { get; init; } = RetryAfterWait.DefaultMaxWait;
    public DecisionThresholds Thresholds { get; init; } = new();
    public RestartMethod RestartMethod { get; init; } = RestartMethod.Auto;
    public TimeSpan PluginStartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The exact command that continues this run, printed when it pauses.</summary>
    public required string ResumeCommand { get; init; }
}

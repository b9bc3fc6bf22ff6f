using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Metrics;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Loop.Coordination;

/// <summary>The capabilities a run drives; built by the command (or a test) from configuration.</summary>
public sealed class LoopServices
{
    public required IBrain Brain { get; init; }

    /// <summary>The change engine over the Plug-ins folder (a scratch copy in a dry run) and the run's work folder.</summary>
    public required ChangeEngine Changes { get; init; }

    /// <summary>The Plex client; null only in a dry run, which never talks to Plex.</summary>
    public PlexClient? Plex { get; init; }

    /// <summary>The restarter over <see cref="Plex"/>; null only in a dry run.</summary>
    public PlexRestarter? Restarter { get; init; }

    /// <summary>Runs each fix on a scratch copy before it is applied; null: fixes are applied without a pre-flight.</summary>
    public IFixPreflight? Preflight { get; init; }

    public LogAggregator Aggregator { get; init; } = new();
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public IReadOnlyList<ILoopObserver> Observers { get; init; } = [];

    /// <summary>Checks run on each fix just before it is applied to the live plug-in; any may keep it from being applied.</summary>
    public IReadOnlyList<IBeforeApply> BeforeApply { get; init; } = [];
}

using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Sites;
using PlexImprove.Loop.Exit;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Loop.Coordination;

/// <summary>How to run the demo: the work folder, the interpreter, the brain, and the loop's settings.</summary>
public sealed record DemoOptions
{
    /// <summary>The run's folder; the sandbox lives in its <c>sandbox/</c> sub-folder.</summary>
    public required string WorkDir { get; init; }

    /// <summary>The built-in demo scenario's folder (copied into the work folder on first use).</summary>
    public required string ScenarioRoot { get; init; }

    public required Python27Runtime Python { get; init; }

    /// <summary>Builds the brain once the sandbox runs: a page fetcher bound to the sandbox's sites, its Plug-ins and logs folders.</summary>
    public required Func<IPageFetcher, string, string, IBrain> Brain { get; init; }

    public bool Resume { get; init; }
    public ExitSettings Exit { get; init; } = new();
    public string? LessonsSeedPath { get; init; }
    public bool UpdateLessons { get; init; }
    public required string ResumeCommand { get; init; }
    public IReadOnlyList<ILoopObserver> Observers { get; init; } = [];

    /// <summary>Runs on the box before the loop starts (e.g. a judged refresh of every item); null: nothing.</summary>
    public BoxStep? BeforeLoop { get; init; }

    /// <summary>Runs on the box after the loop ended and before the box stops (e.g. a fresh judged refresh); null: nothing.</summary>
    public BoxStep? AfterLoop { get; init; }

    /// <summary>Gate processes at most (0: one per core).</summary>
    public int GateProcesses { get; init; }
}

/// <summary>Work done on the running box around the loop: its Plex client and its plug-in logs folder.</summary>
public delegate Task BoxStep(PlexImprove.Plex.Client.PlexClient plex, string logsDir, CancellationToken cancellationToken);

using PlexImprove.Agent.Sites;
using PlexImprove.Core.Redaction;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// Everything the tools work on: the folders they are confined to, the current iteration, the Python 2.7 runtime
/// (found lazily, on the first gate tool), the optional Plex client, the page fetcher, the clock and the output caps.
/// One environment backs one registry; it keeps small caches (the last aggregation, fetched pages).
/// </summary>
public sealed class ToolEnvironment
{
    /// <summary>The Plug-ins folder: code tools read and change files only below it.</summary>
    public required string PluginsDir { get; init; }

    /// <summary>The <c>PMS Plugin Logs</c> folder: log tools read only below it.</summary>
    public required string LogsDir { get; init; }

    /// <summary>The work folder holding <c>iteration_N/</c>; report and run tools read only below it.</summary>
    public required string WorkDir { get; init; }

    /// <summary>The loop iteration fixes are backed up and logged under (1 or more); the loop advances it.</summary>
    public int Iteration { get; set; } = 1;

    /// <summary>Finds the Python 2.7 interpreter; called once, when a gate or patch tool first needs it.</summary>
    public required Func<CancellationToken, Task<Python27Runtime>> PythonFactory { get; init; }

    /// <summary>How many checker processes the gate may start (0: one per core).</summary>
    public int GateProcesses { get; init; }

    /// <summary>A checker taking longer than this is stopped (default 120 s).</summary>
    public TimeSpan GateTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Creates a client for the Plex server (the token inside, never shown); null when Plex is not configured, and
    /// then the Plex tools answer with what to configure (<c>PLEX_TOKEN</c>, <c>Plex:Url</c>). Each call's client
    /// is disposed by the tool.
    /// </summary>
    public Func<PlexClient>? PlexClientFactory { get; init; }

    /// <summary>Runs the restart commands (<c>systemctl</c>, <c>osascript</c> …); never sudo.</summary>
    public IProcessRunner ProcessRunner { get; init; } = new PlexImprove.Plex.Restart.ProcessRunner();

    /// <summary>
    /// Asked when only a manual restart is left. The default answers that nobody can act, so <c>restart_plex</c>
    /// returns the manual step in words instead of waiting.
    /// </summary>
    public IUserPrompt UserPrompt { get; init; } = new UnattendedUserPrompt();

    /// <summary>The restart method <c>restart_plex</c> uses unless the caller names one (default <c>auto</c>).</summary>
    public RestartMethod RestartMethod { get; init; } = RestartMethod.Auto;

    /// <summary>Refresh settings for <c>plex_refresh_items</c> (waiting, per-item timeout, parallelism).</summary>
    public RefreshOptions Refresh { get; init; } = new();

    /// <summary>GETs the agents' pages (<c>fetch_page</c>, <c>test_xpath</c>).</summary>
    public required IPageFetcher PageFetcher { get; init; }

    /// <summary>
    /// Hosts <c>fetch_page</c> and <c>test_xpath</c> may fetch besides the sites named in the agents' code (their
    /// subdomains too). Every other host is refused before any request.
    /// </summary>
    public IReadOnlyList<string> SiteHosts { get; init; } = [];

    /// <summary>
    /// Creates the pre-flight <c>preflight_fix</c> runs (a scratch box on the run's sites; disposed after each call when
    /// disposable); null when pre-flight is not available, and then the tool says so.
    /// </summary>
    public Func<CancellationToken, Task<Preflight.IFixPreflight>>? PreflightFactory { get; init; }

    /// <summary>The clock (cache ages, elapsed times, backup names).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The lessons file (<c>lessons/lessons_learned.md</c>) <c>read_lessons</c> reads.</summary>
    public required string LessonsPath { get; init; }

    /// <summary>
    /// Masks secrets in every answer before it is cut to size and in every line a search or filter looks at, so
    /// neither an answer nor a search pattern reveals a secret (default: the process's shared redactor).
    /// </summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.Shared;

    /// <summary>Size caps on what a tool returns.</summary>
    public ToolOutputLimits Limits { get; init; } = new();

    /// <summary>Where a tool's unexpected failure is logged with its details (default: nowhere).</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>The one boundary that turns a tool's exception into its answer, masked with <see cref="Redactor"/>.</summary>
    public ToolFailureBoundary Failures => _failures ??= new ToolFailureBoundary(Redactor, Logger);

    private ToolFailureBoundary? _failures;
}

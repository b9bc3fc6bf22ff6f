using System.Globalization;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using PlexImprove.Python.Gate;

namespace PlexImprove.Agent.Tools;

/// <summary>
/// What the tool classes of one registry share: the confined folders, the Python 2.7 gate and change engine (made
/// on first use, so a missing interpreter only fails the tools that need one), the last aggregation and fetched pages.
/// </summary>
internal sealed class ToolRuntime
{
    private static readonly string[] TimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    private readonly SemaphoreSlim _gateLock = new(1, 1);
    private readonly Lock _aggregationLock = new();
    private Python27CodeGate? _gate;
    private (string Key, bool WithSessions, AggregationResult Result)? _lastAggregation;
    private readonly SiteAllowlist _sites;

    public ToolRuntime(ToolEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Environment = environment;
        Logs = new ConfinedRoot(environment.LogsDir, "logs folder");
        Work = new ConfinedRoot(environment.WorkDir, "work folder");
        Pages = new PageCache(environment.PageFetcher, environment.Time);
        _sites = new SiteAllowlist(environment.PluginsDir, environment.SiteHosts);
    }

    public ToolEnvironment Environment { get; }

    public ToolOutputLimits Limits => Environment.Limits;

    public ConfinedRoot Logs { get; }

    public ConfinedRoot Work { get; }

    public PageCache Pages { get; }

    /// <summary>The Plug-ins root (opened per call: it must exist, and a readable error says so when it does not).</summary>
    public PluginsRoot Plugins() => new(Environment.PluginsDir);

    public WorkFolder WorkFolder() => new(Work.FullPath);

    /// <summary>An existing file inside <paramref name="root"/> (confined as every path is).</summary>
    /// <exception cref="InvalidInputException">The file does not exist.</exception>
    public static string ExistingFile(ConfinedRoot root, string path)
    {
        var resolved = root.Resolve(path);
        return File.Exists(resolved.FullPath)
            ? resolved.FullPath
            : throw new InvalidInputException($"'{path}' does not exist in the {root.Label} '{root.FullPath}'.");
    }

    /// <summary>Whether <paramref name="url"/> is on a site the agents use (their code names it) or in <c>SiteHosts</c>.</summary>
    public bool IsAgentSite(Uri url) => _sites.Allows(url);

    /// <summary>Refuses, before any request, a URL that is not on a site the agents use.</summary>
    /// <exception cref="InvalidInputException">The host is not one of the agents' sites.</exception>
    public void RequireAgentSite(Uri url)
    {
        if (!_sites.Allows(url))
        {
            throw new InvalidInputException(_sites.Refusal(url));
        }
    }

    /// <summary>The Python 2.7 gate, created on first use.</summary>
    public async Task<Python27CodeGate> GateAsync(CancellationToken cancellationToken)
    {
        if (_gate is { } ready)
        {
            return ready;
        }

        await _gateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_gate is null)
            {
                var runtime = await Environment.PythonFactory(cancellationToken).ConfigureAwait(false);
                _gate = new Python27CodeGate(runtime, new Python27CodeGateOptions { MaxProcesses = Environment.GateProcesses, Timeout = Environment.GateTimeout });
            }

            return _gate;
        }
        finally
        {
            _gateLock.Release();
        }
    }

    /// <summary>The change engine over the Plug-ins root and the work folder; Python 2.7 is looked for only when a patch is checked.</summary>
    public ChangeEngine Changes()
    {
        var plugins = Plugins();
        return new(plugins, WorkFolder(), new DeferredCodeGate(this), Environment.Time)
        {
            Admission = Diagnosis.NewNetworkHosts.Admission(plugins, $"list them in the tool's {ChangeTools.ApprovedHostsParameter} argument"),
        };
    }

    /// <summary>
    /// Aggregates the logs, reusing the last result while the window, the agents and every log file's size and time
    /// stay the same: one conversation asks several questions of the same logs. Sessions (memory proportional to
    /// their number) are collected only when <paramref name="sessions"/> asks for them.
    /// </summary>
    public AggregationResult Aggregate(string? agents, string? since, string? until, bool sessions, CancellationToken cancellationToken)
    {
        var request = new AggregationRequest
        {
            LogsDir = Logs.FullPath,
            Agents = SplitList(agents),
            Since = ParseTime(since, "since"),
            Until = ParseTime(until, "until"),
            CollectSessions = sessions,
            MaxFiles = Environment.Limits.MaxLogFiles,
            MaxBytes = Environment.Limits.MaxLogBytes,
        };
        var key = string.Join('|', request.Since?.ToString("O", CultureInfo.InvariantCulture), request.Until?.ToString("O", CultureInfo.InvariantCulture),
            string.Join(',', request.Agents.Order(StringComparer.Ordinal)), Fingerprint());
        lock (_aggregationLock)
        {
            if (_lastAggregation is { } last && last.Key == key && (!sessions || last.WithSessions))
            {
                return last.Result;
            }
        }

        // Bounded in time as well as in files and bytes: a caller that never cancels still gets an answer.
        using var limit = new CancellationTokenSource(Environment.Limits.MaxCallTime, Environment.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var result = new LogAggregator().Aggregate(request, cancellationToken: linked.Token);
        lock (_aggregationLock)
        {
            _lastAggregation = (key, sessions, result);
        }

        return result;
    }

    /// <summary>A comma- or space-separated list, trimmed, empty entries dropped.</summary>
    public static IReadOnlyList<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Parses a local time as logged (<c>YYYY-MM-DD HH:MM:SS</c>); empty means none.</summary>
    public static DateTime? ParseTime(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTime.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw new InvalidInputException($"'{text}' is not a time for '{name}': use local time as in the logs, YYYY-MM-DD HH:MM:SS.");
    }

    private string Fingerprint()
    {
        if (!Directory.Exists(Logs.FullPath))
        {
            return "missing";
        }

        return string.Join(';', new DirectoryInfo(Logs.FullPath).EnumerateFiles()
            .Where(f => PluginLogFolder.TryParseName(f.Name, out _, out _))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}")));
    }
}

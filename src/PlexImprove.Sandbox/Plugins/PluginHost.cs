using PlexImprove.Python.Runtime;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Plugins;

/// <summary>
/// The plugin processes of a sandbox: one per bundle, started lazily on first use and kept running, as
/// Plex does. <see cref="RestartAsync"/> stops a plugin and starts it again at once (its log rolls over).
/// </summary>
public sealed class PluginHost : IAsyncDisposable
{
    private readonly Python27Runtime _python;
    private readonly string _shimPath;
    private readonly PluginLaunchSettings _settings;
    private readonly Dictionary<string, PluginBundle> _bundles;
    private readonly Dictionary<string, Task<PluginProcess>> _running = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, bool> _mentionsContributesTo = new(StringComparer.Ordinal);

    public PluginHost(Python27Runtime python, string shimPath, IEnumerable<PluginBundle> bundles, PluginLaunchSettings settings)
    {
        _python = python;
        _shimPath = shimPath;
        _settings = settings;
        _bundles = bundles.ToDictionary(b => b.Identifier, StringComparer.Ordinal);
    }

    /// <summary>The shim shipped beside the program.</summary>
    public static string DefaultShimPath => Path.Combine(AppContext.BaseDirectory, "python", "plexbox_host.py");

    public IReadOnlyCollection<string> Identifiers => _bundles.Keys;

    /// <summary>Ids of the Python processes currently running (for checks that none outlive the sandbox).</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _running.Values.Where(t => t.IsCompletedSuccessfully && !t.Result.HasExited).Select(t => t.Result.ProcessId)];
            }
        }
    }

    /// <summary>The running process of a plugin, started when it is first needed (or again after it died).</summary>
    public async Task<PluginProcess> GetAsync(string identifier, CancellationToken ct)
    {
        Task<PluginProcess> task;
        lock (_lock)
        {
            // A plug-in whose code failed to load has exited, as Plex's does; it stays down until it is restarted.
            if (!_running.TryGetValue(identifier, out task!) || (task.IsCompleted && (!task.IsCompletedSuccessfully || (task.Result.HasExited && task.Result.Loaded))))
            {
                task = StartAsync(identifier);
                _running[identifier] = task;
            }
        }

        return await task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stops the plugin's process and starts it again immediately, loading its code afresh.</summary>
    public async Task<PluginProcess> RestartAsync(string identifier, CancellationToken ct)
    {
        Task<PluginProcess>? old;
        lock (_lock)
        {
            _running.Remove(identifier, out old);
        }

        if (old is not null)
        {
            await StopAsync(old).ConfigureAwait(false);
        }

        return await GetAsync(identifier, ct).ConfigureAwait(false);
    }

    public bool Knows(string identifier) => _bundles.ContainsKey(identifier);

    /// <summary>The plug-ins running with their code loaded, without starting any (a plug-in asking its server about
    /// agents while it starts must not wait for itself).</summary>
    public IReadOnlyList<PluginProcess> Loaded
    {
        get
        {
            lock (_lock)
            {
                return [.. _running.Values.Where(t => t.IsCompletedSuccessfully && t.Result.Loaded && !t.Result.HasExited).Select(t => t.Result)];
            }
        }
    }

    /// <summary>
    /// Of the loaded plug-ins, those contributing to <paramref name="primary"/> for <paramref name="frameworkType"/>, in
    /// the order <see cref="ContributorsAsync"/> runs them; none is started.
    /// </summary>
    public IReadOnlyList<PluginProcess> LoadedContributors(PluginProcess primary, string frameworkType)
    {
        var acceptsFrom = primary.AgentFor(frameworkType)?.AcceptsFrom ?? [];
        return [.. Loaded
            .Where(p => !string.Equals(p.Bundle.Identifier, primary.Bundle.Identifier, StringComparison.Ordinal))
            .Where(p => p.AgentFor(frameworkType) is { } agent &&
                (agent.ContributesTo.Contains(primary.Bundle.Identifier, StringComparer.Ordinal) || acceptsFrom.Contains(p.Bundle.Identifier, StringComparer.Ordinal)))
            .OrderBy(p => acceptsFrom.Contains(p.Bundle.Identifier, StringComparer.Ordinal) ? acceptsFrom.ToList().IndexOf(p.Bundle.Identifier) : int.MaxValue)
            .ThenBy(p => p.Bundle.Identifier, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The contributing agents Plex runs after <paramref name="primary"/>'s update for an item of
    /// <paramref name="frameworkType"/>: every other bundle whose agent class for that type names the primary in its
    /// <c>contributes_to</c>, and every bundle the primary's class lists in its <c>accepts_from</c> (in that order first,
    /// then by identifier). Bundles that fail to load are left out, as Plex leaves out agents it could not start.
    /// </summary>
    /// <param name="primary">The section's primary agent (its running process).</param>
    /// <param name="frameworkType">The Framework media type of the item (<c>Movie</c>, <c>TV_Show</c> …).</param>
    /// <param name="ct">Cancels starting the contributing plug-ins.</param>
    public async Task<IReadOnlyList<PluginProcess>> ContributorsAsync(PluginProcess primary, string frameworkType, CancellationToken ct)
    {
        var acceptsFrom = primary.AgentFor(frameworkType)?.AcceptsFrom ?? [];
        // Only bundles that could contribute are started: those the primary accepts from and those whose code names
        // contributes_to at all (Plex starts every plug-in; the box starts these on first need).
        var candidates = _bundles.Values
            .Where(b => !string.Equals(b.Identifier, primary.Bundle.Identifier, StringComparison.Ordinal))
            .Where(b => acceptsFrom.Contains(b.Identifier, StringComparer.Ordinal) || MentionsContributesTo(b))
            .OrderBy(b => acceptsFrom.Contains(b.Identifier, StringComparer.Ordinal) ? acceptsFrom.ToList().IndexOf(b.Identifier) : int.MaxValue)
            .ThenBy(b => b.Identifier, StringComparer.Ordinal)
            .ToList();
        var contributors = new List<PluginProcess>();
        foreach (var bundle in candidates)
        {
            PluginProcess process;
            try
            {
                process = await GetAsync(bundle.Identifier, ct).ConfigureAwait(false);
            }
            catch (PluginUnavailableException)
            {
                continue;
            }

            var agent = process.Loaded ? process.AgentFor(frameworkType) : null;
            if (agent is not null && (agent.ContributesTo.Contains(primary.Bundle.Identifier, StringComparer.Ordinal) || acceptsFrom.Contains(bundle.Identifier, StringComparer.Ordinal)))
            {
                contributors.Add(process);
            }
        }

        return contributors;
    }

    private bool MentionsContributesTo(PluginBundle bundle)
    {
        lock (_lock)
        {
            if (_mentionsContributesTo.TryGetValue(bundle.Identifier, out var known))
            {
                return known;
            }
        }

        var code = Path.Combine(bundle.Path, "Contents", "Code");
        bool mentions;
        try
        {
            mentions = Directory.Exists(code) && Directory.EnumerateFiles(code, "*.py", SearchOption.AllDirectories)
                .Any(f => File.ReadAllText(f).Contains("contributes_to", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            mentions = false;
        }

        lock (_lock)
        {
            _mentionsContributesTo[bundle.Identifier] = mentions;
        }

        return mentions;
    }

    private Task<PluginProcess> StartAsync(string identifier)
    {
        if (!_bundles.TryGetValue(identifier, out var bundle))
        {
            return Task.FromException<PluginProcess>(new PluginUnavailableException($"No bundle under Plug-ins/ has the identifier '{identifier}'."));
        }

        return PluginProcess.StartAsync(_python, _shimPath, bundle, _settings, CancellationToken.None);
    }

    private static async Task StopAsync(Task<PluginProcess> task)
    {
        try
        {
            var process = await task.ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
        }
        catch (PluginUnavailableException)
        {
            // It never started; nothing to stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Task<PluginProcess>> all;
        lock (_lock)
        {
            all = [.. _running.Values];
            _running.Clear();
        }

        await Task.WhenAll(all.Select(StopAsync)).ConfigureAwait(false);
    }
}

using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Changes;
using PluginsRoot = PlexImprove.Core.Changes.Files.PluginsRoot;
using PlexImprove.Core.Changes.Patches;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Preflight;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Loop.Preflight;

/// <summary>
/// Pre-flights a fix in a scratch box: copies the bundles the patch touches out of the Plug-ins folder, applies the
/// patch to the copy, runs the agent's search and update on the failing items (on the run's sites or network) and
/// counts the items that now match with metadata. The live Plug-ins folder is only read. One scratch box serves
/// every pre-flight of this object; disposing it stops the box.
/// </summary>
public sealed class ScratchBoxPreflight : IFixPreflight, IAsyncDisposable
{
    private readonly ScratchBoxPreflightOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ScratchBox? _box;

    public ScratchBoxPreflight(ScratchBoxPreflightOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxItems < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "A pre-flight runs at least one item.");
        }

        _options = options;
    }

    public int MaxItems => _options.MaxItems;

    public async Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fix = request.Fix;
        if (fix.Patch is null)
        {
            return PreflightResult.NotRun(fix.Id, request.Agent, "the fix has no patch");
        }

        if (request.Items.Count == 0)
        {
            return PreflightResult.NotRun(fix.Id, request.Agent, "the logs name no failing item of this agent with the arguments Plex passed");
        }

        var bundles = ScenarioLoader.FindBundles(_options.PluginsDir);
        var agentBundle = bundles.FirstOrDefault(b => b.Identifier == request.Agent);
        if (agentBundle is null)
        {
            return PreflightResult.NotRun(fix.Id, request.Agent, $"no bundle in the Plug-ins folder has the identifier {request.Agent}");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var scratch = Path.Combine(_options.ScratchRoot ?? Path.GetTempPath(), "plex-improve-preflight-" + Guid.NewGuid().ToString("N")[..12]);
        var started = _options.Time.GetTimestamp();
        try
        {
            var plugins = Path.Combine(scratch, "Plug-ins");
            var patch = PatchBytes.From(fix.Patch);
            foreach (var bundle in BundlesToCopy(patch, agentBundle, bundles))
            {
                CopyTree(bundle.Path, Path.Combine(plugins, Path.GetFileName(bundle.Path)));
            }

            try
            {
                // No code gate here: the diagnosis already put the patch through it, and a copy that does not compile
                // shows below as a plug-in that did not load.
                var engine = ChangeEngine.ForRollback(new PluginsRoot(plugins), new WorkFolder(Path.Combine(scratch, "work")), _options.Time);
                await engine.ApplyPatchAsync(new ChangeRequest { FixId = "preflight", Iteration = 1, Patch = patch, AllCopies = fix.Patch.AllCopies }, cancellationToken).ConfigureAwait(false);
            }
            catch (PlexImproveException e)
            {
                return Failed(request, "the patch does not apply to a copy of the bundle: " + e.Message, started);
            }

            var copy = new PluginBundle(agentBundle.Identifier, Path.Combine(plugins, Path.GetFileName(agentBundle.Path)));
            // Each item is run as the kind Plex searched for (a TV or music agent serves no movie): as its logged
            // arguments show it, else the kind of the agent's own class.
            var type = PluginsScenarioBuilder.SectionTypeOf(copy.Path);
            var media = request.Items.Take(_options.MaxItems).Select(i => new PluginMedia(i.RatingKey, i.Name, i.Year, i.File) { Type = i.MediaType ?? type }).ToList();
            var box = await BoxAsync(cancellationToken).ConfigureAwait(false);
            var run = await box.RunAsync(copy, media, Path.Combine(scratch, "Logs"), cancellationToken).ConfigureAwait(false);
            var tracebacks = PluginLogTracebacks.Read(run.LogPath, _options.MaxTracebacks, _options.MaxTracebackChars);
            if (!run.Loaded)
            {
                return Failed(request, "the patched plug-in did not load: " + run.LoadError, started, tracebacks, LoadTraceback(run.LogPath));
            }

            var items = request.Items.Take(_options.MaxItems).Zip(run.Items, ToResult).ToList();

            // A site that rate-limits the copy says nothing about the fix: no verdict, and the live test decides.
            var rateLimited = items.All(i => i.Outcome != PreflightItemOutcome.Matched) && RateLimited(run.LogPath);
            return new PreflightResult
            {
                FixId = fix.Id,
                Agent = request.Agent,
                Ran = !rateLimited,
                Skipped = rateLimited ? "the site answered the copy with HTTP 429 (rate limited), so the run says nothing about the fix" : null,
                Items = items,
                Tracebacks = tracebacks,
                ElapsedMs = (long)_options.Time.GetElapsedTime(started).TotalMilliseconds,
            };
        }
        catch (PluginUnavailableException e)
        {
            return Failed(request, e.Message, started);
        }
        finally
        {
            _gate.Release();
            TryDelete(scratch);
        }
    }

    private PreflightResult Failed(PreflightRequest request, string error, long started, IReadOnlyList<string>? tracebacks = null, string? loadTrace = null) => new()
    {
        FixId = request.Fix.Id,
        Agent = request.Agent,
        Ran = true,
        Error = error,
        Tracebacks = loadTrace is null ? tracebacks ?? [] : [loadTrace, .. tracebacks ?? []],
        ElapsedMs = (long)_options.Time.GetElapsedTime(started).TotalMilliseconds,
    };

    private static PreflightItemResult ToResult(PreflightItem item, ScratchItemRun run)
    {
        var best = run.Results.FirstOrDefault();
        PreflightItemOutcome outcome;
        if (run.Unavailable is not null)
        {
            outcome = PreflightItemOutcome.PluginUnavailable;
        }
        else if (best is null || best.Score < Sandbox.Emulator.RefreshQueue.MatchScore)
        {
            // The shim answers a crashed search with no results; the traceback tells them apart.
            outcome = PreflightItemOutcome.NoMatch;
        }
        else
        {
            outcome = run.Metadata is { Title: { Length: > 0 } } ? PreflightItemOutcome.Matched : PreflightItemOutcome.UpdateFailed;
        }

        return new PreflightItemResult
        {
            Item = item,
            Outcome = outcome,
            Results = run.Results.Count,
            BestScore = best?.Score,
            Title = run.Metadata?.Title,
            Detail = run.Unavailable,
        };
    }

    /// <summary>The agent's bundle and every bundle a patch path starts with (a patch may also change shared copies).</summary>
    private static IEnumerable<PluginBundle> BundlesToCopy(ReadOnlyMemory<byte> patch, PluginBundle agent, IReadOnlyList<PluginBundle> all)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { Path.GetFileName(agent.Path) };
        try
        {
            foreach (var file in PatchReader.Parse(patch).Files)
            {
                folders.Add(file.Path.Replace('\\', '/').Split('/', 2)[0]);
            }
        }
        catch (PlexImproveException)
        {
            // An unreadable patch fails when applied, with the reader's message.
        }

        return all.Where(b => folders.Contains(Path.GetFileName(b.Path)));
    }

    private static bool RateLimited(string logPath) =>
        File.Exists(logPath) && File.ReadLines(logPath).Any(l => l.Contains("HTTP Error 429", StringComparison.Ordinal));

    private static string? LoadTraceback(string logPath)
    {
        if (!File.Exists(logPath))
        {
            return null;
        }

        var lines = File.ReadAllLines(logPath);
        int at = Array.FindIndex(lines, l => l.Contains(" CRITICAL ", StringComparison.Ordinal) && l.Contains("plug-in", StringComparison.OrdinalIgnoreCase));
        return at < 0 ? null : string.Join('\n', lines.Skip(at).Take(30));
    }

    private async Task<ScratchBox> BoxAsync(CancellationToken ct)
    {
        if (_box is null)
        {
            var python = await _options.Python(ct).ConfigureAwait(false);
            _box = await ScratchBox.StartAsync(python, _options.Box, _options.Time, ct).ConfigureAwait(false);
        }

        return _box;
    }

    /// <summary>Copies a bundle without following symlinks: a link may lead out of the Plug-ins folder or back into itself.</summary>
    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        var notLinks = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(source, "*", notLinks))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(source, "*", notLinks))
        {
            CopyTree(folder, Path.Combine(target, Path.GetFileName(folder)));
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left in the temporary folder; it holds only a copy.
        }
        catch (UnauthorizedAccessException)
        {
            // Left in the temporary folder; it holds only a copy.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_box is not null)
        {
            await _box.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}

using PlexImprove.Python.Runtime;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Scenarios;

namespace PlexImprove.Sandbox.Plugins;

/// <summary>
/// One long-lived Python 2.7 process running one agent bundle through the Framework shim. Requests are
/// JSON lines over stdin/stdout, served one at a time. The Python side exits when stdin closes, so the
/// process cannot outlive this object's owner.
/// </summary>
public sealed class PluginProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();

    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;
    private volatile bool _stopped;

    private PluginProcess(Process process, PluginBundle bundle, TimeSpan requestTimeout, TimeProvider time)
    {
        _process = process;
        Bundle = bundle;
        _requestTimeout = requestTimeout;
        _time = time;
    }

    public PluginBundle Bundle { get; }

    /// <summary>Whether the agent's code loaded and the plug-in started.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Why the plug-in did not start (<c>Exception starting plug-in</c> …), or null.</summary>
    public string? LoadError { get; private set; }

    /// <summary>The Framework media types of the agent classes the code defined (<c>Movie</c>, <c>TV_Show</c>, <c>Artist</c>, <c>Album</c>, <c>Photo</c>).</summary>
    public IReadOnlyList<string> MediaTypes { get; private set; } = [];

    /// <summary>Every agent class the code defined, as Plex reads them to assign primary and contributing agents.</summary>
    public IReadOnlyList<PluginAgentInfo> Agents { get; private set; } = [];

    /// <summary>The class serving a Framework media type: the last one defined for it, as the box's plug-in host picks it; null when none does.</summary>
    public PluginAgentInfo? AgentFor(string frameworkType) => Agents.LastOrDefault(a => a.Serves(frameworkType));

    public int ProcessId => _process.Id;

    /// <summary>Whether the process ended or was stopped (a kill is not instant: a stopped process is never used again).</summary>
    public bool HasExited => _stopped || _process.HasExited;

    /// <summary>Starts the process (the plugin log rolls over) and waits until the agent's code is loaded.</summary>
    public static async Task<PluginProcess> StartAsync(Python27Runtime python, string shimPath, PluginBundle bundle,
        PluginLaunchSettings settings, CancellationToken ct)
    {
        // The shared runtime sets PYTHONHOME, UTF-8 I/O and no bytecode; -u keeps the JSON-lines protocol unbuffered.
        var info = python.StartInfo(["-u", "-B", shimPath], bundle.Path);
        info.StandardInputEncoding = new UTF8Encoding(false);
        var process = Process.Start(info) ?? throw new PluginUnavailableException($"Python 2.7 could not be started for {bundle.Identifier}.");
        var plugin = new PluginProcess(process, bundle, settings.RequestTimeout, settings.Time);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (plugin._stderr)
                {
                    if (plugin._stderr.Length < 64 * 1024)
                    {
                        plugin._stderr.AppendLine(e.Data);
                    }
                }
            }
        };
        process.BeginErrorReadLine();
        var config = new JsonObject
        {
            ["identifier"] = bundle.Identifier,
            ["bundle"] = bundle.Path,
            ["logsDir"] = settings.LogsDir,
            ["pmsUrl"] = settings.PmsUrl,
            ["token"] = settings.Token,
            ["policy"] = bundle.Elevated ? "elevated" : "standard",
            ["network"] = settings.Network == Hosting.SandboxNetwork.Real ? "real" : "fake",
            ["siteMap"] = new JsonObject(settings.SiteMap.Select(kv =>
                KeyValuePair.Create<string, JsonNode?>(kv.Key, new JsonArray("127.0.0.1", kv.Value)))),
        };
        try
        {
            using var timer = new CancellationTokenSource(StartTimeout, settings.Time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            await process.StandardInput.WriteLineAsync(config.ToJsonString().AsMemory(), ct).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
            var ready = await plugin.ReadLineAsync(StartTimeout, limit.Token, ct).ConfigureAwait(false);
            plugin.Loaded = ready["loaded"]?.GetValue<bool>() ?? false;
            plugin.LoadError = ready["error"]?.GetValue<string>();
            plugin.MediaTypes = [.. (ready["mediaTypes"]?.AsArray() ?? []).Select(t => t!.GetValue<string>())];
            plugin.Agents = [.. (ready["agents"]?.AsArray() ?? []).OfType<JsonObject>().Select(ReadAgent)];
            if (!plugin.Loaded)
            {
                // Plex's plug-in process ends when its code fails to load: wait for that, so none lingers.
                await plugin.WaitForExitAsync(ct).ConfigureAwait(false);
            }

            return plugin;
        }
        catch
        {
            await plugin.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs the agent's search for one item; the results are ordered by score, best first. <paramref name="thread"/>
    /// names the Framework thread serving the request (search and update of one refresh share it).
    /// </summary>
    /// <param name="media">The item.</param>
    /// <param name="thread">The Framework thread serving the request.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <param name="primary">For a contributing agent: the primary agent's match of the item; null for the primary agent.</param>
    public async Task<IReadOnlyList<PluginSearchMatch>> SearchAsync(PluginMedia media, int thread, CancellationToken ct, PrimaryMatch? primary = null)
    {
        var request = new JsonObject { ["op"] = "search", ["ratingKey"] = media.RatingKey, ["media"] = MediaJson(media), ["lang"] = "en", ["thread"] = thread };
        if (primary is not null)
        {
            request["primary"] = new JsonObject
            {
                ["agent"] = primary.Agent,
                ["guid"] = primary.Guid,
                ["metadata"] = new JsonObject
                {
                    ["title"] = primary.Metadata.Title, ["year"] = primary.Metadata.Year, ["summary"] = primary.Metadata.Summary, ["studio"] = primary.Metadata.Studio,
                },
            };
        }

        var response = await SendAsync(request, ct).ConfigureAwait(false);
        var results = new List<PluginSearchMatch>();
        foreach (var node in response["results"]?.AsArray() ?? [])
        {
            results.Add(new PluginSearchMatch(
                node!["id"]!.GetValue<string>(),
                node["name"]?.GetValue<string>(),
                ToInt(node["year"]),
                ToInt(node["score"]) ?? 0));
        }

        return results;
    }

    /// <summary>Runs the agent's update for one item matched to <paramref name="matchId"/>; null when the update raised.</summary>
    /// <param name="media">The item.</param>
    /// <param name="matchId">The id of the search result the item is matched to.</param>
    /// <param name="thread">The Framework thread serving the request.</param>
    /// <param name="ct">Cancels the wait.</param>
    /// <param name="force">The <c>force</c> Plex passes: true for a forced refresh (<c>force=1</c>), false otherwise.</param>
    /// <param name="primary">For a contributing agent: the primary agent's match, whose guid the item carries; null for the primary agent.</param>
    public async Task<PluginMetadata?> UpdateAsync(PluginMedia media, string matchId, int thread, CancellationToken ct, bool force = true, PrimaryMatch? primary = null)
    {
        var request = new JsonObject
        {
            ["op"] = "update", ["ratingKey"] = media.RatingKey, ["id"] = matchId, ["media"] = MediaJson(media), ["lang"] = "en", ["force"] = force, ["thread"] = thread,
        };
        if (primary is not null)
        {
            // The item's guid is the primary agent's: a contributing agent's update reads it from media.guid.
            request["primaryGuid"] = primary.Guid;
        }

        var response = await SendAsync(request, ct).ConfigureAwait(false);
        if (response["metadata"] is not JsonObject metadata)
        {
            return null;
        }

        return new PluginMetadata(
            response["guid"]!.GetValue<string>(),
            metadata["title"]?.GetValue<string>(),
            ToInt(metadata["year"]),
            metadata["summary"]?.GetValue<string>(),
            metadata["studio"]?.GetValue<string>());
    }

    /// <summary>
    /// Sends one request of the shim's protocol as it is (an extension's own <c>op</c>, as the metadata provider's
    /// shim adds) and returns the answer; the same gate, timeout and failures as search and update.
    /// </summary>
    public Task<JsonNode> RequestAsync(JsonObject request, CancellationToken ct) => SendAsync(request, ct);

    private async Task<JsonNode> SendAsync(JsonObject request, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!Loaded)
            {
                // Its code failed to load, so the process ended as Plex's does (maybe not yet reaped).
                throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} did not load: {LoadError}. Its log says why.");
            }

            if (HasExited)
            {
                throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} has stopped. {StderrTail()}");
            }

            // The limit runs from before the request is sent: once the plug-in has the request, its time is counting.
            using var timer = new CancellationTokenSource(_requestTimeout, _time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
            try
            {
                await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), ct).ConfigureAwait(false);
                await _process.StandardInput.FlushAsync(ct).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} has stopped. {StderrTail()}", e);
            }
            var response = await ReadLineAsync(_requestTimeout, limit.Token, ct).ConfigureAwait(false);
            if (response["ok"]?.GetValue<bool>() != true)
            {
                throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} did not serve the request: {response["error"]?.GetValue<string>()}");
            }

            return response;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <param name="timeout">The limit, for the message.</param>
    /// <param name="limit">Ends when the limit has passed or <paramref name="ct"/> ends.</param>
    /// <param name="ct">The caller's token.</param>
    private async Task<JsonNode> ReadLineAsync(TimeSpan timeout, CancellationToken limit, CancellationToken ct)
    {
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(limit).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A late answer would be read as the answer to the next request: stop the process, so the next use
            // starts a fresh one (as Plex restarts a plug-in that stopped answering).
            StopAfterTimeout();
            throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} did not answer within {timeout.TotalSeconds:0} s. {StderrTail()}");
        }

        if (line is null)
        {
            throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} stopped. {StderrTail()}");
        }

        try
        {
            return JsonNode.Parse(line) ?? throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} sent an empty answer.");
        }
        catch (JsonException e)
        {
            throw new PluginUnavailableException($"The plug-in {Bundle.Identifier} sent an unreadable answer: {line}", e);
        }
    }

    private async Task WaitForExitAsync(CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(StartTimeout, _time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            StopAfterTimeout();
        }
    }

    private void StopAfterTimeout()
    {
        _stopped = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string StderrTail()
    {
        lock (_stderr)
        {
            var text = _stderr.ToString().Trim();
            return text.Length == 0 ? "" : "Python said: " + (text.Length > 2000 ? text[^2000..] : text);
        }
    }

    private static JsonObject MediaJson(PluginMedia media) =>
        new() { ["type"] = media.Type, ["name"] = media.Name, ["year"] = media.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["file"] = media.File };

    private static PluginAgentInfo ReadAgent(JsonObject agent)
    {
        static IReadOnlyList<string> Strings(JsonNode? node) => [.. (node as JsonArray ?? []).Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>())];
        return new PluginAgentInfo(
            agent["name"]?.GetValueKind() == JsonValueKind.String ? agent["name"]!.GetValue<string>() : "",
            Strings(agent["mediaTypes"]),
            agent["primaryProvider"]?.GetValueKind() != JsonValueKind.False,
            Strings(agent["contributesTo"]),
            Strings(agent["acceptsFrom"]));
    }

    private static int? ToInt(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => (int)node.GetValue<double>(),
        JsonValueKind.String => int.TryParse(node.GetValue<string>(), out var n) ? n : null,
        _ => null,
    };

    /// <summary>Stops the process: closes stdin (the shim exits and closes its log), then kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The process never started or was already reaped.
        }
        catch (IOException)
        {
            // stdin already closed because the process died.
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            _gate.Dispose();
        }
    }
}

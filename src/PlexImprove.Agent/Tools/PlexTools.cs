using System.ComponentModel;
using Microsoft.SemanticKernel;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Models;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Agent.Tools;

/// <summary>Plex Media Server as tools: status, finding items, refreshing them, restarting (never sudo).</summary>
internal sealed class PlexTools
{
    /// <summary>What a user must set before the Plex tools can work.</summary>
    public const string NotConfigured =
        "Plex is not configured for this session: set PLEX_TOKEN (in the environment or in .env; never in a URL) and Plex:Url " +
        "(appsettings.json or PLEXIMPROVE__Plex__Url; default http://127.0.0.1:32400), then start again.";

    private readonly ToolRuntime _runtime;

    public PlexTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.PlexStatus)]
    [Description("Shows the Plex server's identity and version, each library section with its agent and item count, and whether each section's agent loaded at its latest start (from its plugin log: started, loadFailed, notStarted).")]
    public Task<string> PlexStatusAsync(CancellationToken cancellationToken = default) =>
        WithClientAsync(async client =>
        {
            var status = await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            var logsDir = _runtime.Logs.FullPath;
            var plugins = Directory.Exists(logsDir)
                ? status.Sections.Select(s => s.Agent).OfType<string>().Distinct(StringComparer.Ordinal)
                    .Select(agent => PluginLoadChecker.LatestStart(logsDir, agent, null)
                        ?? new PluginLoadResult(agent, PluginLoadStatus.NotStarted, "No start logged yet (Plex starts an agent on first use)."))
                    .ToList()
                : [];
            return ToolOutput.Json(new { status.Url, status.Version, status.Sections, Plugins = plugins });
        }, cancellationToken);

    [KernelFunction(ToolNames.PlexFindItems)]
    [Description("Finds library items in Plex: ratingKey, title, year, section, the agent's guid and when Plex last updated it. Use the ratingKeys with plex_refresh_items.")]
    public Task<string> PlexFindItemsAsync(
        [Description("Only items whose title contains this text (Plex's own title filter). Empty: every item.")] string? title = null,
        [Description("Only this library section id (see plex_status). Empty: every section.")] string? section = null,
        [Description("At most this many items (default 50).")] int max = 50,
        CancellationToken cancellationToken = default) =>
        WithClientAsync(async client =>
        {
            var sections = string.IsNullOrWhiteSpace(section)
                ? (await client.GetSectionsAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Key).ToList()
                : [section.Trim()];
            var cap = LogTools.Clamp(max, _runtime.Limits.MaxItems);
            var found = new List<PlexItem>();
            var total = 0;
            foreach (var key in sections)
            {
                var items = await client.GetSectionItemsAsync(key, string.IsNullOrWhiteSpace(title) ? null : title.Trim(), cancellationToken).ConfigureAwait(false);
                total += items.Count;
                found.AddRange(items.Take(cap - found.Count));
            }

            var shown = found.Select(i => new { i.RatingKey, i.Title, i.Year, Section = i.LibrarySectionId, i.Guid, i.UpdatedAt, i.Folder }).ToList();
            return ToolOutput.Json(new { Total = total, Shown = shown.Count, Items = shown });
        }, cancellationToken);

    [KernelFunction(ToolNames.PlexRefreshItems)]
    [Description("CHANGES Plex metadata: asks Plex to refresh items (the agents search and update them again) and waits until Plex reports each one finished. Read the plugin log afterwards: a refresh itself never fails.")]
    public Task<string> PlexRefreshItemsAsync(
        [Description("The items' ratingKeys, comma-separated (from plex_find_items or get_agent_sessions).")] string ratingKeys,
        [Description("Wait until Plex reports each refresh finished (default true).")] bool wait = true,
        CancellationToken cancellationToken = default) =>
        WithClientAsync(async client =>
        {
            var keys = ToolRuntime.SplitList(ratingKeys);
            if (keys.Count == 0)
            {
                throw new InvalidInputException("Give at least one ratingKey (comma-separated), for example '1234, 5678'.");
            }

            var configured = _runtime.Environment.Refresh;
            var options = new RefreshOptions
            {
                Force = configured.Force,
                Wait = wait,
                ItemTimeout = configured.ItemTimeout,
                MaxInFlight = configured.MaxInFlight,
                PollInterval = configured.PollInterval,
                UseWebSocket = configured.UseWebSocket,
            };
            var result = await new RefreshBatch(client, options).RunAsync([.. keys], cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToolOutput.Json(result);
        }, cancellationToken);

    [KernelFunction(ToolNames.RestartPlex)]
    [Description("RESTARTS Plex or the named plugins (never with sudo) so edited agent code is loaded, waits until Plex answers, and checks each named plugin logged 'Started plug-in' without a load exception. When no method works it returns the manual step to give the user.")]
    public Task<string> RestartPlexAsync(
        [Description("Bundle identifiers of the plugins whose code changed (for example com.plexapp.agents.AEBN), comma-separated; each is restarted by its plugin URL when possible and its load is verified.")] string? plugins = null,
        [Description("auto (default: plugin URL, then app or systemd), plugin, app, systemd or manual.")] string? method = null,
        CancellationToken cancellationToken = default) =>
        WithClientAsync(async client =>
        {
            var request = new RestartRequest
            {
                Method = string.IsNullOrWhiteSpace(method) ? _runtime.Environment.RestartMethod : ParseMethod(method),
                Plugins = ToolRuntime.SplitList(plugins),
                LogsDir = _runtime.Logs.FullPath,
            };
            var restarter = new PlexRestarter(client, _runtime.Environment.ProcessRunner, _runtime.Environment.UserPrompt, _runtime.Environment.Time);
            var result = await restarter.RestartAsync(request, cancellationToken).ConfigureAwait(false);
            return ToolOutput.Json(new
            {
                result.Method,
                result.Attempts,
                result.ServerVersion,
                result.Plugins,
                result.LoadFailures,
                Verdict = result.LoadFailures.Count == 0
                    ? "Plex answers again; every named plugin loaded."
                    : "CRITICAL: a plugin did not load after the restart; roll the fix back (rollback_fix).",
            });
        }, cancellationToken);

    private static RestartMethod ParseMethod(string text) =>
        Enum.TryParse<RestartMethod>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _)
            ? parsed
            : throw new InvalidInputException($"Unknown restart method '{text}': use auto, plugin, app, systemd or manual.");

    private Task<string> WithClientAsync(Func<PlexClient, Task<string>> body, CancellationToken cancellationToken) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            if (_runtime.Environment.PlexClientFactory is not { } factory)
            {
                return ToolOutput.ErrorPrefix + NotConfigured;
            }

            using var client = factory();
            return await body(client).ConfigureAwait(false);
        }, cancellationToken);
}

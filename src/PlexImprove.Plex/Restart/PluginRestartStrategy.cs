using PlexImprove.Plex.Client;

namespace PlexImprove.Plex.Restart;

/// <summary>Restarts each touched plugin through <c>/:/plugins/&lt;identifier&gt;/restart</c> (undocumented; the server stays up).</summary>
public sealed class PluginRestartStrategy : IRestartStrategy
{
    private readonly PlexClient _client;

    public PluginRestartStrategy(PlexClient client) => _client = client;

    public RestartMethod Method => RestartMethod.Plugin;

    public async Task<RestartAttempt> TryRestartAsync(RestartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Plugins.Count == 0)
        {
            return new RestartAttempt(Method, false, "No plugin named (--plugin): the per-plugin restart needs one.");
        }

        foreach (var plugin in request.Plugins)
        {
            if (!await _client.RestartPluginAsync(plugin, cancellationToken).ConfigureAwait(false))
            {
                return new RestartAttempt(Method, false, $"The server does not offer /:/plugins/{plugin}/restart.");
            }
        }

        return new RestartAttempt(Method, true, $"Restarted {string.Join(", ", request.Plugins)} through the per-plugin URL.");
    }
}

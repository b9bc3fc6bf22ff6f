using PlexImprove.Plex.Client;
using PlexImprove.Plex.Errors;

namespace PlexImprove.Plex.Restart;

/// <summary>
/// Restarts Plex (or just the touched plugins) without sudo so edited agent code is loaded (tool
/// <c>restart_plex</c>), then waits for <c>/identity</c> and checks each touched plugin's log for
/// <c>Started plug-in</c> and no load exception. When no allowed method works it prints the manual step and
/// waits for the user, or stops with <see cref="RestartNeedsUserException"/> (exit 3) when nobody can answer.
/// </summary>
public sealed class PlexRestarter
{
    private readonly PlexClient _client;
    private readonly IUserPrompt _prompt;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<RestartMethod, IRestartStrategy> _strategies;

    public PlexRestarter(PlexClient client, IProcessRunner runner, IUserPrompt prompt, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _prompt = prompt;
        _time = time ?? TimeProvider.System;
        _strategies = new IRestartStrategy[]
        {
            new PluginRestartStrategy(client),
            new AppRestartStrategy(runner, _time),
            new SystemdRestartStrategy(runner),
        }.ToDictionary(s => s.Method);
    }

    /// <summary>The methods tried, in order, for a request (manual is always the last resort).</summary>
    public static IReadOnlyList<RestartMethod> Plan(RestartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = request.Method switch
        {
            RestartMethod.Auto => new List<RestartMethod>
            {
                request.Plugins.Count > 0 ? RestartMethod.Plugin : RestartMethod.Manual,
                request.Platform == RestartPlatform.Linux ? RestartMethod.Systemd : RestartMethod.App,
            },
            var only => [only],
        };
        plan.Remove(RestartMethod.Manual);
        plan.Add(RestartMethod.Manual);
        return plan;
    }

    /// <summary>The exact manual step for the platform.</summary>
    public static string ManualStep(RestartPlatform platform) => platform switch
    {
        RestartPlatform.MacOS => "quit Plex Media Server from its menu-bar icon and open it again from Applications.",
        RestartPlatform.Windows => "right-click the Plex Media Server tray icon, choose Exit, then start Plex Media Server from the Start menu.",
        _ => "as an administrator, run: systemctl restart plexmediaserver (or allow this user once with a polkit rule for the plexmediaserver unit).",
    };

    /// <summary>Restarts, waits for the server, and verifies the touched plugins loaded.</summary>
    public async Task<RestartResult> RestartAsync(RestartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Plugin logs carry local time; a second of slack absorbs the log's millisecond truncation.
        var since = _time.GetLocalNow().DateTime.AddSeconds(-1);
        var attempts = new List<RestartAttempt>();
        RestartMethod? used = null;
        foreach (var method in Plan(request))
        {
            if (method == RestartMethod.Manual)
            {
                string step = ManualStep(request.Platform);
                if (!_prompt.IsInteractive || !await _prompt.ConfirmAsync($"Restart Plex by hand: {step}", cancellationToken).ConfigureAwait(false))
                {
                    throw new RestartNeedsUserException(Summary(attempts) + step);
                }

                attempts.Add(new RestartAttempt(method, true, "The user restarted Plex by hand."));
                used = method;
                break;
            }

            var attempt = await _strategies[method].TryRestartAsync(request, cancellationToken).ConfigureAwait(false);
            attempts.Add(attempt);
            if (attempt.Succeeded)
            {
                used = method;
                break;
            }
        }

        string version = await WaitForIdentityAsync(request.IdentityTimeout, cancellationToken).ConfigureAwait(false);
        var plugins = new List<PluginLoadResult>();
        foreach (var plugin in request.Plugins)
        {
            plugins.Add(await PluginLoadChecker.WaitForStartAsync(request.LogsDir, plugin, since, request.PluginStartTimeout, _time, cancellationToken).ConfigureAwait(false));
        }

        return new RestartResult { Method = used!.Value, Attempts = attempts, ServerVersion = version, Plugins = plugins };
    }

    private static string Summary(List<RestartAttempt> attempts) =>
        attempts.Count == 0 ? "" : string.Concat(attempts.Select(a => $"{a.Method} failed: {a.Detail} ")) + "Manual step: ";

    private async Task<string> WaitForIdentityAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        long deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            try
            {
                return (await _client.GetIdentityAsync(cancellationToken).ConfigureAwait(false)).Version ?? "unknown";
            }
            catch (PlexUnreachableException) when (_time.GetTimestamp() < deadline)
            {
                // Still restarting: the client already backed off between its own retries.
                await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (PlexUnreachableException e)
            {
                throw new RestartFailedException($"Plex did not answer /identity within {timeout.TotalSeconds:0} s after the restart. {e.Message}", e);
            }
        }
    }
}

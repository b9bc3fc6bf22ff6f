using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PlexImprove.Core.Comparison;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Redaction;
using PlexImprove.Plex.Client;
using PlexImprove.Plex.Models;
using PlexImprove.Plex.Refresh;
using PlexImprove.Plex.Resilience;

namespace PlexImprove.Cli.Hosting;

/// <summary>What every command that talks to Plex shares: <c>--url</c>, <c>--json</c>, the client, the refresh options.</summary>
public static class PlexConnection
{
    public static Option<string?> UrlOption() => new("--url") { Description = "Plex Media Server address (default: Plex:Url, http://127.0.0.1:32400)." };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON on stdout." };

    /// <summary>The work folder (<c>--work</c>, else <c>Run:WorkDir</c>), as a full path.</summary>
    public static string WorkDir(CliContext context, string? option = null) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(option) ? context.Settings.Run.WorkDir : option);

    /// <summary>A client for <paramref name="url"/> (else <c>Plex:Url</c>) with the token from <c>PLEX_TOKEN</c>.</summary>
    public static PlexClient CreateClient(CliContext context, string? url, string? workDir = null)
    {
        string address = string.IsNullOrWhiteSpace(url) ? context.Settings.Plex.Url : url;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidInputException($"'{SecretRedactor.Shared.Redact(address)}' is not an http(s) address; set Plex:Url or pass --url http://HOST:32400.");
        }

        if (baseUrl.Query.Contains("X-Plex-Token", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("Do not put the token in the URL; set PLEX_TOKEN in the environment or in .env instead.");
        }

        var plex = context.Settings.Plex;
        if (plex.Retries < 0 || plex.RequestTimeoutSeconds <= 0)
        {
            throw new InvalidInputException("Plex:Retries must be 0 or more and Plex:RequestTimeoutSeconds more than 0.");
        }

        return new PlexClient(new PlexClientOptions
        {
            BaseUrl = baseUrl,
            Token = context.Secrets.PlexToken,
            ClientIdentifier = ClientIdentifierStore.LoadOrCreate(WorkDir(context, workDir)),
            Resilience = new PlexResilienceOptions
            {
                MaxRetries = plex.Retries,
                RequestTimeout = TimeSpan.FromSeconds(plex.RequestTimeoutSeconds),
                OnRetry = line =>
                {
                    if (Rendering.ProgressBar.IsInteractive)
                    {
                        context.Error.WriteLine(line);
                    }
                },
            },
        });
    }

    /// <summary>Refresh options from <c>Test:*</c>, with an optional per-item timeout override in seconds.</summary>
    public static RefreshOptions RefreshOptions(CliContext context, bool force = true, bool wait = true, double? timeoutSeconds = null)
    {
        var test = context.Settings.Test;
        double timeout = timeoutSeconds ?? test.ItemTimeoutSeconds;
        if (timeout <= 0 || test.MaxInFlight < 1 || test.PollIntervalMilliseconds < 10)
        {
            throw new InvalidInputException("The refresh timeout must be more than 0 s, Test:MaxInFlight at least 1 and Test:PollIntervalMilliseconds at least 10.");
        }

        return new RefreshOptions
        {
            Force = force,
            Wait = wait,
            ItemTimeout = TimeSpan.FromSeconds(timeout),
            MaxInFlight = test.MaxInFlight,
            PollInterval = TimeSpan.FromMilliseconds(test.PollIntervalMilliseconds),
        };
    }

    /// <summary>Decision thresholds from <c>Test:*</c>.</summary>
    public static DecisionThresholds Thresholds(CliContext context) => new()
    {
        KeepAtLeast = context.Settings.Test.KeepThreshold,
        MonitorAtLeast = context.Settings.Test.MonitorThreshold,
        MaxIntervalWidthPoints = context.Settings.Test.MaxIntervalWidthPoints,
    };

    /// <summary>Writes <paramref name="value"/> as indented JSON to stdout.</summary>
    public static void WriteJson<T>(CliContext context, T value) => context.Out.WriteLine(JsonSerializer.Serialize(value, PlexJson.Write));

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

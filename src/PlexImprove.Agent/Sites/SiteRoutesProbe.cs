using System.Net;
using System.Text.Json;

namespace PlexImprove.Agent.Sites;

/// <summary>
/// Asks the Plex server the program talks to whether it is a Plex in a box (<c>GET /:/plexbox/sites</c>), and so where
/// the agents' sites are: the box's fake sites, or the real network (a real Plex answers 404, a box started with
/// <c>--network real</c> says so). Never throws for network failures: an unreachable server means the real network.
/// </summary>
public static class SiteRoutesProbe
{
    /// <summary>How long the question may take: a box answers at once, and a real Plex that is down must not stall a command.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <param name="plexUrl">The server address (no token in it); null or invalid means the real network.</param>
    /// <param name="token">The server's token, sent as <c>X-Plex-Token</c>; never printed.</param>
    /// <param name="cancellationToken">Cancels the question.</param>
    /// <param name="handler">The HTTP handler (tests); default a new one.</param>
    public static async Task<SiteRoutes> ProbeAsync(string? plexUrl, string? token, CancellationToken cancellationToken, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(plexUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            return SiteRoutes.RealNetwork("pages from the real sites the agents use (no Plex address configured)");
        }

        var shown = baseUrl.GetLeftPart(UriPartial.Authority);
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "/:/plexbox/sites"));
        request.Headers.Accept.ParseAdd("application/json");
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.TryAddWithoutValidation("X-Plex-Token", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return SiteRoutes.RealNetwork($"pages from the real sites the agents use ({shown} is not a Plex in a box)");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return Parse(body, shown);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SiteRoutes.RealNetwork($"pages from the real sites the agents use ({shown} did not answer)");
        }
    }

    /// <summary>Reads the box's answer: <c>{"network":"fake"|"real","sites":{"host":"http://127.0.0.1:PORT"}}</c>.</summary>
    public static SiteRoutes Parse(string body, string boxUrl)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sites", out var sites) || sites.ValueKind != JsonValueKind.Object)
            {
                return SiteRoutes.RealNetwork($"pages from the real sites the agents use ({boxUrl} is not a Plex in a box)");
            }

            if (root.TryGetProperty("network", out var network) && network.ValueKind == JsonValueKind.String && network.GetString() == "real")
            {
                return SiteRoutes.RealNetwork($"pages from the real sites the agents use, as the box at {boxUrl} does (--network real)");
            }

            var map = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
            foreach (var site in sites.EnumerateObject())
            {
                if (site.Value.ValueKind == JsonValueKind.String && Uri.TryCreate(site.Value.GetString(), UriKind.Absolute, out var url) && IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address))
                {
                    map[site.Name] = url;
                }
            }

            return SiteRoutes.Box(map, boxUrl);
        }
        catch (JsonException)
        {
            return SiteRoutes.RealNetwork($"pages from the real sites the agents use ({boxUrl} is not a Plex in a box)");
        }
    }
}

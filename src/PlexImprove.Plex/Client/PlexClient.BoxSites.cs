using System.Net;
using System.Text.Json;

namespace PlexImprove.Plex.Client;

public sealed partial class PlexClient
{
    /// <summary>
    /// The fake sites of Plex in a box (<c>GET /:/plexbox/sites</c>: site host to loopback URL), so a pre-flight reaches
    /// the same sites as the box's plug-ins; empty for a real Plex server, which does not answer it.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Uri>> GetPlexBoxSitesAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, ":/plexbox/sites", cancellationToken, allowNotFound: true, allowMethodNotAllowed: true).ConfigureAwait(false);
        var sites = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return sites;
        }

        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (document.RootElement.TryGetProperty("sites", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var site in map.EnumerateObject())
                {
                    if (site.Value.GetString() is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri))
                    {
                        sites[site.Name] = uri;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not a box: a real server answering the path with something else has no fake sites.
        }

        return sites;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// A refresh as Plex 1.43 does it for an agent that is a Custom Metadata Provider: match the item (its scanner name,
/// year and file), then fetch the best match's metadata, and store what came back. The provider's own logs record the
/// agent's work, as the plug-in logs do for the box's agents.
/// </summary>
public static class ProviderRefresh
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static async Task<RefreshOutcome> RunAsync(Uri provider, string sectionType, LibraryItem item, TimeProvider time, CancellationToken ct)
    {
        var root = provider.AbsoluteUri.TrimEnd('/');
        try
        {
            // The item's guid goes along, as Plex sends it: local://<ratingKey> until an agent matched the item.
            var body = sectionType == SectionType.Show
                ? new JsonObject { ["type"] = 2, ["title"] = item.ScannerName, ["year"] = item.ScannerYear, ["filename"] = item.File, ["guid"] = item.Guid }
                : new JsonObject { ["type"] = 1, ["title"] = item.ScannerName, ["year"] = item.ScannerYear, ["filename"] = item.File, ["guid"] = item.Guid };
            using var match = await Http.PostAsJsonAsync(root + "/library/metadata/matches", body, ct).ConfigureAwait(false);
            if (match.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                return RefreshOutcome.PluginUnavailable;
            }

            if (!match.IsSuccessStatusCode)
            {
                // As a search that raised: nothing matched.
                return RefreshOutcome.NotMatched;
            }

            var matches = (await ReadAsync(match, ct).ConfigureAwait(false))?["MediaContainer"]?["Metadata"] as JsonArray;
            if (matches is not { Count: > 0 } || matches[0]?["ratingKey"]?.GetValue<string>() is not { } ratingKey)
            {
                return RefreshOutcome.NotMatched;
            }

            using var metadata = await Http.GetAsync($"{root}/library/metadata/{Uri.EscapeDataString(ratingKey)}", ct).ConfigureAwait(false);
            if (!metadata.IsSuccessStatusCode)
            {
                return metadata.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout ? RefreshOutcome.PluginUnavailable : RefreshOutcome.UpdateFailed;
            }

            var fields = (await ReadAsync(metadata, ct).ConfigureAwait(false))?["MediaContainer"]?["Metadata"]?[0];
            if (fields is null)
            {
                return RefreshOutcome.UpdateFailed;
            }

            item.Store(new PluginMetadata(
                fields["guid"]?.GetValue<string>() ?? "",
                fields["title"]?.GetValue<string>(),
                fields["year"]?.GetValue<int>(),
                fields["summary"]?.GetValue<string>(),
                fields["studio"]?.GetValue<string>()), time.GetUtcNow().ToUnixTimeSeconds());
            return RefreshOutcome.Updated;
        }
        catch (HttpRequestException)
        {
            // The provider is not running or not reachable: as a plug-in that is down.
            return RefreshOutcome.PluginUnavailable;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return RefreshOutcome.PluginUnavailable;
        }
        catch (System.Text.Json.JsonException)
        {
            return RefreshOutcome.UpdateFailed;
        }
    }

    /// <summary>Case-sensitive, as provider answers hold both <c>studio</c> (text) and <c>Studio</c> (tags).</summary>
    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
}

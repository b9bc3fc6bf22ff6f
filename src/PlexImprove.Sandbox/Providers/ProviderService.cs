using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// The provider's answers, built by running the legacy agent's own <c>search</c> and <c>update</c> in its plug-in
/// process (the box's runtime, log and network rules): root, match, metadata, children and grandchildren.
/// </summary>
public sealed class ProviderService
{
    /// <summary>Page size when Plex sends none, as the provider documentation sets it.</summary>
    public const int DefaultPageSize = 20;

    private const string ProviderVersion = "1.0.0";
    private readonly ProviderCatalog _catalog;
    private readonly PluginHost _plugins;
    private readonly TimeSpan _callTimeout;
    private readonly bool _reloadOnChange;
    private readonly MatchMemory _memory = new();
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _thread;

    /// <param name="catalog">The agents served.</param>
    /// <param name="plugins">Their plug-in processes.</param>
    /// <param name="callTimeout">The longest one provider call may take, waiting for the plug-in included.</param>
    /// <param name="reloadOnChange">
    /// Whether an edit to a bundle reloads its code before the next call (default, for <c>provide</c>: nothing else restarts
    /// it). The box passes false: there, as in Plex, only a restart of the plug-in loads a patched bundle.
    /// </param>
    public ProviderService(ProviderCatalog catalog, PluginHost plugins, TimeSpan callTimeout, bool reloadOnChange = true)
    {
        _catalog = catalog;
        _plugins = plugins;
        _callTimeout = callTimeout;
        _reloadOnChange = reloadOnChange;
        foreach (var agent in catalog.Agents)
        {
            _fingerprints[agent.Bundle.Identifier] = BundleFingerprint.Of(agent.Bundle.Path);
        }
    }

    public ProviderCatalog Catalog => _catalog;

    /// <summary>The MediaProvider definition Plex reads when the provider is added.</summary>
    public static JsonObject Root(ProviderAgent agent) => new()
    {
        ["MediaProvider"] = new JsonObject
        {
            ["identifier"] = agent.Identifier,
            ["title"] = agent.Title,
            ["version"] = ProviderVersion,
            ["Types"] = new JsonArray([.. agent.Types.Select(t => (JsonNode)new JsonObject
            {
                ["type"] = t,
                ["Scheme"] = new JsonArray(new JsonObject { ["scheme"] = agent.Identifier }),
            })]),
            ["Feature"] = new JsonArray(
                new JsonObject { ["type"] = "metadata", ["key"] = "/library/metadata" },
                new JsonObject { ["type"] = "match", ["key"] = "/library/metadata/matches" }),
        },
    };

    /// <summary>Runs the agent's search for a match body: the best match, or every match by score when manual.</summary>
    public async Task<JsonObject> MatchAsync(ProviderAgent agent, string body, string lang, CancellationToken ct)
    {
        var query = MatchQuery.Parse(body, agent.Kind);
        var request = new JsonObject
        {
            ["op"] = "provide_search",
            ["kind"] = agent.Kind,
            ["ratingKey"] = query.LibraryId,
            ["manual"] = query.Manual,
            ["lang"] = lang,
            ["media"] = new JsonObject
            {
                ["name"] = query.Name,
                ["year"] = query.Year?.ToString(CultureInfo.InvariantCulture),
                ["filename"] = query.Filename,
                ["season"] = query.Season,
                ["episode"] = query.Episode,
            },
        };
        var answer = await CallAsync(agent, request, ct).ConfigureAwait(false);
        if (answer["crashed"]?.GetValue<bool>() == true)
        {
            throw new ProviderRequestException(502, $"The agent's search raised for '{query.Name}'; its plug-in log ({agent.Bundle.Identifier}.log) has the traceback.");
        }

        var found = (answer["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var chosen = query.Manual ? found : found.Take(1).ToList();
        var entries = new JsonArray();
        foreach (var result in chosen)
        {
            var id = result["id"]!.GetValue<string>();
            if (id.Length is 0 or > ProviderRatingKey.MaxAgentIdLength)
            {
                continue;
            }

            var name = Text(result["name"]) ?? query.Name;
            var top = new ProviderRatingKey(id);
            _memory.Remember(agent.ShortName, id, query.Name, query.Year, query.Filename, query.Season, query.Episode, query.LibraryId);

            var entry = query.Type switch
            {
                3 => Season(agent, top, name, query.Season!.Value, null),
                4 => Episode(agent, top, name, query.Season!.Value, query.Episode!.Value, null),
                _ => ProvidedMetadata.Build(agent, agent.Kind, top, null),
            };
            if (query.Type is 1 or 2)
            {
                entry["title"] = name;
                if (Integer(result["year"]) is { } year and > 0)
                {
                    entry["year"] = year;
                }

                if (Text(result["thumb"]) is { } thumb)
                {
                    entry["thumb"] = thumb;
                }
            }

            entries.Add(entry);
        }

        return Container(agent, entries, 0, entries.Count);
    }

    /// <summary>Runs the agent's update for a ratingKey and answers the item (movie, show, season or episode).</summary>
    public async Task<JsonObject> MetadataAsync(ProviderAgent agent, string ratingKey, string lang, CancellationToken ct)
    {
        var key = ParseKey(agent, ratingKey);
        var item = await UpdateAsync(agent, key, lang, ct).ConfigureAwait(false);
        JsonObject metadata;
        if (key.Season is not { } season)
        {
            metadata = item.Top;
        }
        else if (key.Episode is not { } episode)
        {
            metadata = item.Seasons.FirstOrDefault(s => s["index"]?.GetValue<int>() == season)
                ?? throw ProviderRequestException.NotFound($"The agent knows no season {season} of '{key.AgentId}'.");
        }
        else
        {
            metadata = item.Episodes.FirstOrDefault(e => e["parentIndex"]?.GetValue<int>() == season && e["index"]?.GetValue<int>() == episode)
                ?? throw ProviderRequestException.NotFound($"The agent knows no episode S{season}E{episode} of '{key.AgentId}'.");
        }

        return Container(agent, new JsonArray(metadata), 0, 1);
    }

    /// <summary>
    /// The item's images, as the provider documentation's <c>/images</c> answers them: the agent's posters
    /// (<c>coverPoster</c>) in the order it added them, then its art (<c>background</c>), each by its URL.
    /// </summary>
    public async Task<JsonObject> ImagesAsync(ProviderAgent agent, string ratingKey, string lang, CancellationToken ct)
    {
        var answer = await MetadataAsync(agent, ratingKey, lang, ct).ConfigureAwait(false);
        var images = answer["MediaContainer"]?["Metadata"]?[0]?["Image"] is JsonArray found ? (JsonArray)found.DeepClone() : [];
        return new JsonObject
        {
            ["MediaContainer"] = new JsonObject
            {
                ["offset"] = 0,
                ["totalSize"] = images.Count,
                ["identifier"] = agent.Identifier,
                ["size"] = images.Count,
                ["Image"] = images,
            },
        };
    }

    /// <summary>A show's seasons, a season's episodes (<paramref name="grandchildren"/>: a show's episodes), one page of them.</summary>
    public async Task<JsonObject> ChildrenAsync(ProviderAgent agent, string ratingKey, bool grandchildren, int start, int size, string lang, CancellationToken ct)
    {
        var key = ParseKey(agent, ratingKey);
        if (agent.Kind != SectionType.Show || key.Episode is not null || (grandchildren && key.Season is not null))
        {
            throw ProviderRequestException.NotFound($"'{ratingKey}' has no {(grandchildren ? "grandchildren" : "children")}.");
        }

        var item = await UpdateAsync(agent, key, lang, ct).ConfigureAwait(false);
        List<JsonObject> all;
        if (key.Season is { } season)
        {
            if (!item.Seasons.Any(s => s["index"]?.GetValue<int>() == season))
            {
                throw ProviderRequestException.NotFound($"The agent knows no season {season} of '{key.AgentId}'.");
            }

            all = [.. item.Episodes.Where(e => e["parentIndex"]?.GetValue<int>() == season)];
        }
        else
        {
            all = grandchildren ? item.Episodes : item.Seasons;
        }

        var page = all.Skip(start).Take(size).Select(m => (JsonNode)m.DeepClone()).ToArray();
        return Container(agent, new JsonArray(page), start, all.Count);
    }

    /// <summary>Stops a bundle's plug-in and starts it again, loading its code afresh (the box's restart).</summary>
    public async Task RestartAsync(string bundleIdentifier, CancellationToken ct)
    {
        var agent = _catalog.Agents.FirstOrDefault(a => a.Bundle.Identifier == bundleIdentifier)
            ?? throw ProviderRequestException.NotFound($"No served agent has the identifier '{bundleIdentifier}'.");
        lock (_lock)
        {
            _fingerprints[bundleIdentifier] = BundleFingerprint.Of(agent.Bundle.Path);
        }

        try
        {
            await _plugins.RestartAsync(bundleIdentifier, ct).ConfigureAwait(false);
        }
        catch (PluginUnavailableException)
        {
            // As Plex answers a restart even when the plug-in then fails to load: the next call says why.
        }
    }

    private ProviderRatingKey ParseKey(ProviderAgent agent, string ratingKey)
    {
        if (!ProviderRatingKey.TryParse(ratingKey, out var key))
        {
            throw ProviderRequestException.BadRequest($"'{ratingKey}' is not a ratingKey of this provider.");
        }

        if (agent.Kind != SectionType.Show && key.Season is not null)
        {
            throw ProviderRequestException.NotFound($"'{ratingKey}' names a season or episode; this provider serves movies.");
        }

        return key;
    }

    private async Task<UpdatedItem> UpdateAsync(ProviderAgent agent, ProviderRatingKey key, string lang, CancellationToken ct)
    {
        var top = key.Top;
        var known = _memory.Recall(agent.ShortName, key.AgentId);
        var episodes = new SortedDictionary<(int Season, int Episode), string?>(known.Episodes);
        if (key is { Season: { } s, Episode: { } e })
        {
            episodes.TryAdd((s, e), null);
        }

        var tree = new JsonArray([.. episodes.Select(pair => (JsonNode)new JsonArray(
            pair.Key.Season, pair.Key.Episode, (top with { Season = pair.Key.Season, Episode = pair.Key.Episode }).Encode(), pair.Value))]);
        var request = new JsonObject
        {
            ["op"] = "provide_update",
            ["kind"] = agent.Kind,
            ["id"] = key.AgentId,
            ["ratingKey"] = top.Encode(),
            ["dbid"] = known.LibraryId,
            ["lang"] = lang,
            ["media"] = new JsonObject
            {
                ["name"] = known.Name ?? key.AgentId,
                ["year"] = known.Year?.ToString(CultureInfo.InvariantCulture),
                ["filename"] = known.Filename,
                ["episodes"] = tree,
            },
        };
        var answer = await CallAsync(agent, request, ct).ConfigureAwait(false);
        if (answer["crashed"]?.GetValue<bool>() == true || answer["metadata"] is not JsonObject fields)
        {
            throw new ProviderRequestException(502, $"The agent's update raised for '{key.AgentId}'; its plug-in log ({agent.Bundle.Identifier}.log) has the traceback.");
        }

        var seasonsSet = (fields["seasons"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var setAnything = fields.Any(p => p.Key != "seasons" && p.Value is JsonValue or JsonArray { Count: > 0 }) || seasonsSet.Count > 0;
        if (!setAnything)
        {
            throw ProviderRequestException.NotFound($"The agent's update set nothing for '{key.AgentId}': it does not know that id.");
        }

        var showTitle = Text(fields["title"]) ?? known.Name ?? key.AgentId;
        var topFields = (JsonObject)fields.DeepClone();
        topFields.Remove("seasons");
        topFields["title"] = showTitle;
        var topMetadata = ProvidedMetadata.Build(agent, agent.Kind, top, topFields);
        if (agent.Kind != SectionType.Show)
        {
            return new UpdatedItem(topMetadata, [], []);
        }

        // Seasons and episodes: those the agent filled in, and those Plex asked about (they exist in the library).
        var seasonFields = seasonsSet.Where(x => Integer(x["index"]) is not null).GroupBy(x => Integer(x["index"])!.Value).ToDictionary(g => g.Key, g => g.First());
        var episodeFields = new Dictionary<(int, int), JsonObject>();
        foreach (var (index, season) in seasonFields)
        {
            foreach (var episode in (season["episodes"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Integer(episode["index"]) is { } number)
                {
                    episodeFields.TryAdd((index, number), episode);
                }
            }
        }

        var seasonNumbers = seasonFields.Keys.Concat(known.Episodes.Keys.Select(k => k.Season)).Concat(known.Seasons).Distinct().Order().ToList();
        var episodeNumbers = episodeFields.Keys.Concat(known.Episodes.Keys).Distinct().Order().ToList();
        var seasons = seasonNumbers.Select(n => Season(agent, top, showTitle, n, seasonFields.GetValueOrDefault(n))).ToList();
        var episodesOut = episodeNumbers.Select(p => Episode(agent, top, showTitle, p.Item1, p.Item2, episodeFields.GetValueOrDefault(p))).ToList();
        return new UpdatedItem(topMetadata, seasons, episodesOut);
    }

    private static JsonObject Season(ProviderAgent agent, ProviderRatingKey show, string showTitle, int index, JsonObject? fields)
    {
        var key = show with { Season = index, Episode = null };
        var metadata = ProvidedMetadata.Build(agent, "season", key, Without(fields, "episodes"));
        metadata["title"] ??= $"Season {index}";
        metadata["index"] = index;
        metadata["parentRatingKey"] = show.Encode();
        metadata["parentKey"] = "/library/metadata/" + show.Encode();
        metadata["parentGuid"] = agent.GuidOf("show", show);
        metadata["parentTitle"] = showTitle;
        return metadata;
    }

    private static JsonObject Episode(ProviderAgent agent, ProviderRatingKey show, string showTitle, int season, int index, JsonObject? fields)
    {
        var seasonKey = show with { Season = season, Episode = null };
        var key = show with { Season = season, Episode = index };
        var metadata = ProvidedMetadata.Build(agent, "episode", key, fields);
        metadata["title"] ??= $"Episode {index}";
        metadata["index"] = index;
        metadata["parentIndex"] = season;
        metadata["parentRatingKey"] = seasonKey.Encode();
        metadata["parentKey"] = "/library/metadata/" + seasonKey.Encode();
        metadata["parentGuid"] = agent.GuidOf("season", seasonKey);
        metadata["parentTitle"] = $"Season {season}";
        metadata["grandparentRatingKey"] = show.Encode();
        metadata["grandparentKey"] = "/library/metadata/" + show.Encode();
        metadata["grandparentGuid"] = agent.GuidOf("show", show);
        metadata["grandparentTitle"] = showTitle;
        return metadata;
    }

    private async Task<JsonNode> CallAsync(ProviderAgent agent, JsonObject request, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_callTimeout);
        request["thread"] = Interlocked.Increment(ref _thread) % 4096;
        try
        {
            await ReloadIfChangedAsync(agent, deadline.Token).ConfigureAwait(false);
            var process = await _plugins.GetAsync(agent.Bundle.Identifier, deadline.Token).ConfigureAwait(false);
            return await process.RequestAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ProviderRequestException(504, $"The agent {agent.Bundle.Identifier} did not answer within {_callTimeout.TotalSeconds:0} s.");
        }
        catch (PluginUnavailableException e)
        {
            throw new ProviderRequestException(503, e.Message, e);
        }
    }

    private async Task ReloadIfChangedAsync(ProviderAgent agent, CancellationToken ct)
    {
        if (!_reloadOnChange)
        {
            return;
        }

        var now = BundleFingerprint.Of(agent.Bundle.Path);
        lock (_lock)
        {
            if (_fingerprints.TryGetValue(agent.Bundle.Identifier, out var then) && then == now)
            {
                return;
            }

            _fingerprints[agent.Bundle.Identifier] = now;
        }

        // The agent's code changed (a fix, a rollback): load it afresh, as restarting the plug-in would.
        try
        {
            await _plugins.RestartAsync(agent.Bundle.Identifier, ct).ConfigureAwait(false);
        }
        catch (PluginUnavailableException)
        {
            // The call that follows reports why it does not run.
        }
    }

    private static JsonObject Container(ProviderAgent agent, JsonArray metadata, int offset, int total) => new()
    {
        ["MediaContainer"] = new JsonObject
        {
            ["offset"] = offset,
            ["totalSize"] = total,
            ["identifier"] = agent.Identifier,
            ["size"] = metadata.Count,
            ["Metadata"] = metadata,
        },
    };

    private static JsonObject? Without(JsonObject? fields, string name)
    {
        if (fields is null)
        {
            return null;
        }

        var copy = (JsonObject)fields.DeepClone();
        copy.Remove(name);
        return copy;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;

    private static int? Integer(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : null;

    private sealed record UpdatedItem(JsonObject Top, List<JsonObject> Seasons, List<JsonObject> Episodes);
}

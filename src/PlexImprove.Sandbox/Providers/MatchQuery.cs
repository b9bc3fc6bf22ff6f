using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlexImprove.Sandbox.Emulator;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// A match request as the agent's <c>search</c> sees it: the name Plex's Framework would pass (the title of a movie or
/// show, the show's title for a season or episode), the year, the file, manual, and for TV the season and episode.
/// </summary>
public sealed record MatchQuery(int Type, string Name, int? Year, string? Filename, bool Manual, int? Season, int? Episode)
{
    /// <summary>
    /// The library's id of the item, from the <c>local://&lt;id&gt;</c> guid Plex keeps for an item no agent matched yet
    /// (sent as the match body's <c>guid</c>); null otherwise. The legacy Framework hands the agent that id (the search's
    /// <c>'id'</c>, the update's <c>dbid</c>), and the plug-in log names the item by it.
    /// </summary>
    public string? LibraryId { get; init; }

    /// <summary>Reads a match body for a provider of <paramref name="kind"/>; a clear 400 for anything malformed.</summary>
    public static MatchQuery Parse(string body, string kind)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject ?? throw ProviderRequestException.BadRequest("The match body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ProviderRequestException.BadRequest($"The match body is not JSON: {e.Message}");
        }

        var type = Integer(json, "type") ?? throw ProviderRequestException.BadRequest("The match body needs 'type' (1 movie; 2 show, 3 season, 4 episode).");
        var served = kind == SectionType.Show ? new[] { 2, 3, 4 } : [1];
        if (!served.Contains(type))
        {
            throw ProviderRequestException.BadRequest($"This provider serves type(s) {string.Join(", ", served)}, not {type}.");
        }

        var filename = Text(json, "filename");
        var titleField = type switch { 3 => "parentTitle", 4 => "grandparentTitle", _ => "title" };
        var name = Text(json, titleField) ?? (type == 4 ? Text(json, "title") : null);
        if (string.IsNullOrWhiteSpace(name) && type == 1 && !string.IsNullOrWhiteSpace(filename))
        {
            // A movie matched by its file alone: the scanner's name is the file's stem.
            name = Path.GetFileNameWithoutExtension(filename.Replace('\\', '/').Split('/')[^1]);
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw ProviderRequestException.BadRequest($"The match body needs '{titleField}' for type {type}.");
        }

        var year = Integer(json, "year");
        if (year is < 1800 or > 2200)
        {
            throw ProviderRequestException.BadRequest($"'year' {year} is not a year.");
        }

        int? season = type switch { 3 => Integer(json, "index"), 4 => Integer(json, "parentIndex"), _ => null };
        int? episode = type == 4 ? Integer(json, "index") : null;
        if (type == 3 && season is null)
        {
            throw ProviderRequestException.BadRequest("A season match needs 'index' (the season number).");
        }

        if (type == 4 && (season is null || episode is null))
        {
            throw ProviderRequestException.BadRequest("An episode match needs 'parentIndex' (season) and 'index' (episode).");
        }

        if (season is < 0 || episode is < 0)
        {
            throw ProviderRequestException.BadRequest("Season and episode numbers cannot be negative.");
        }

        var guid = Text(json, "guid");
        var libraryId = guid is not null && guid.StartsWith(LocalScheme, StringComparison.Ordinal) && guid[LocalScheme.Length..] is { Length: > 0 and <= 20 } id && id.All(char.IsAsciiDigit)
            ? id
            : null;
        return new MatchQuery(type, name.Trim(), year, filename, Integer(json, "manual") == 1, season, episode) { LibraryId = libraryId };
    }

    private const string LocalScheme = "local://";

    private static string? Text(JsonObject json, string name) => json[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        _ => throw ProviderRequestException.BadRequest($"'{name}' must be a string."),
    };

    private static int? Integer(JsonObject json, string name)
    {
        var node = json[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var n))
        {
            return n;
        }

        if (node.GetValueKind() == JsonValueKind.String && int.TryParse(node.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
        {
            return n;
        }

        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>() ? 1 : 0;
        }

        throw ProviderRequestException.BadRequest($"'{name}' must be a whole number.");
    }
}

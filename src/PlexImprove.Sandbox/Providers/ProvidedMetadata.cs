using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlexImprove.Sandbox.Providers;

/// <summary>
/// Writes what an agent's <c>update</c> set (as the plug-in process reports it) as a provider Metadata object: core
/// fields by their provider names, images as <c>Image</c> entries, tags and people as arrays of <c>{tag}</c>.
/// </summary>
public static class ProvidedMetadata
{
    private static readonly string[] TextFields = ["title", "originalTitle", "titleSort", "summary", "studio", "tagline", "contentRating"];

    private static readonly (string From, string To)[] TagFields = [("genres", "Genre"), ("collections", "Collection"), ("countries", "Country")];

    private static readonly (string From, string To)[] PeopleFields = [("roles", "Role"), ("directors", "Director"), ("writers", "Writer"), ("producers", "Producer")];

    /// <summary>The Metadata object of one item (<paramref name="fields"/> as the plug-in reported them; null for a child it set nothing on).</summary>
    public static JsonObject Build(ProviderAgent agent, string type, ProviderRatingKey key, JsonObject? fields)
    {
        var metadata = new JsonObject
        {
            ["ratingKey"] = key.Encode(),
            ["key"] = "/library/metadata/" + key.Encode(),
            ["guid"] = agent.GuidOf(type, key),
            ["type"] = type,
        };
        fields ??= [];
        foreach (var name in TextFields)
        {
            if (Text(fields[name]) is { } text)
            {
                metadata[name] = text;
            }
        }

        if (Number(fields["year"]) is { } year and > 0)
        {
            metadata["year"] = (int)year;
        }

        // Only a real calendar date: Plex rejects anything but YYYY-MM-DD.
        if (Text(fields["originallyAvailableAt"]) is { } date
            && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            metadata["originallyAvailableAt"] = date;
        }

        if (Number(fields["duration"]) is { } duration and > 0)
        {
            metadata["duration"] = (long)duration;
        }

        AddImages(metadata, fields);
        foreach (var (from, to) in TagFields)
        {
            var tags = Strings(fields[from]).Select(t => (JsonNode)new JsonObject { ["tag"] = t }).ToArray();
            if (tags.Length > 0)
            {
                metadata[to] = new JsonArray(tags);
            }
        }

        if (Text(fields["studio"]) is { } studio)
        {
            metadata["Studio"] = new JsonArray(new JsonObject { ["tag"] = studio });
        }

        foreach (var (from, to) in PeopleFields)
        {
            var people = new JsonArray();
            foreach (var person in (fields[from] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Text(person["tag"]) is not { } tag)
                {
                    continue;
                }

                var entry = new JsonObject { ["tag"] = tag };
                if (Text(person["role"]) is { } role)
                {
                    entry["role"] = role;
                }

                if (Text(person["thumb"]) is { } thumb)
                {
                    entry["thumb"] = thumb;
                }

                entry["order"] = people.Count + 1;
                people.Add(entry);
            }

            if (people.Count > 0)
            {
                metadata[to] = people;
            }
        }

        AddRatings(metadata, fields);
        return metadata;
    }

    private static void AddImages(JsonObject metadata, JsonObject fields)
    {
        var images = new JsonArray();
        var posters = Strings(fields["posters"]).ToList();
        var art = Strings(fields["art"]).ToList();
        foreach (var url in posters)
        {
            images.Add(new JsonObject { ["type"] = "coverPoster", ["url"] = url });
        }

        foreach (var url in art)
        {
            images.Add(new JsonObject { ["type"] = "background", ["url"] = url });
        }

        if (posters.Count > 0)
        {
            metadata["thumb"] = posters[0];
        }

        if (art.Count > 0)
        {
            metadata["art"] = art[0];
        }

        if (images.Count > 0)
        {
            metadata["Image"] = images;
        }
    }

    private static void AddRatings(JsonObject metadata, JsonObject fields)
    {
        var ratings = new JsonArray();
        foreach (var (value, image, type) in new[] { ("rating", "ratingImage", "critic"), ("audienceRating", "audienceRatingImage", "audience") })
        {
            if (Number(fields[value]) is { } rating and >= 0 and <= 10)
            {
                var entry = new JsonObject { ["type"] = type, ["value"] = Math.Round(rating, 2) };
                if (Text(fields[image]) is { } picture)
                {
                    entry["image"] = picture;
                }

                ratings.Add(entry);
            }
        }

        if (ratings.Count > 0)
        {
            metadata["Rating"] = ratings;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Text).OfType<string>().Distinct(StringComparer.Ordinal);
}

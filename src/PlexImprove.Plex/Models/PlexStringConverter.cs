using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>
/// Reads ids that Plex sends as strings (<c>ratingKey</c>) or numbers (<c>librarySectionID</c>) into a string,
/// so one model works whichever form a server version uses.
/// </summary>
public sealed class PlexStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out long l) ? l.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string or a number, got {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

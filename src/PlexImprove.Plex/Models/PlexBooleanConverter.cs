using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>Reads flags Plex sends as <c>true</c>/<c>false</c>, <c>0</c>/<c>1</c> or <c>"0"</c>/<c>"1"</c>.</summary>
public sealed class PlexBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number => reader.GetInt64() != 0,
        JsonTokenType.String => reader.GetString() is "1" or "true" or "True",
        _ => false,
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}

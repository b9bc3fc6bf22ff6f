using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Plex.Models;

/// <summary>JSON options for Plex responses (lenient numbers) and for our own outputs.</summary>
public static class PlexJson
{
    /// <summary>Reading Plex: numbers may come as strings, unknown fields are ignored.</summary>
    public static JsonSerializerOptions Read { get; } = new()
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>Writing our outputs (<c>--json</c>): indented, enums as camelCase strings.</summary>
    public static JsonSerializerOptions Write { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlexImprove.Mcp.Tools;

/// <summary>The JSON shape of tool arguments and structured results: camelCase, enums as strings, indented for reading.</summary>
internal static class ToolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

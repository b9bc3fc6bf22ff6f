using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace PlexImprove.Agent.Prompts;

/// <summary>Turns JSON inputs (a <c>--vars</c> file, an MCP call) into values a template can walk (<c>{{ fix.title }}</c>, <c>for</c> loops).</summary>
public static class PromptValues
{
    /// <summary>JSON becomes Scriban objects, arrays and scalars; any other value is passed through as is.</summary>
    public static object? From(object? value) => value switch
    {
        JsonElement element => FromElement(element),
        JsonNode node => FromElement(JsonSerializer.SerializeToElement(node)),
        _ => value,
    };

    private static object? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new ScriptObject(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    obj.SetValue(property.Name, FromElement(property.Value), readOnly: false);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new ScriptArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item));
                }

                return array;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out long l) ? l : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}

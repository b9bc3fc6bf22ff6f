using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PlexImprove.Agent.Prompts;

/// <summary>Front matter values as JSON or plain .NET values: plain scalars are typed (true/false, null, numbers), quoted ones stay text.</summary>
internal static class YamlJson
{
    public static JsonNode? ToJson(YamlNode node) => ToPlainValue(node) switch
    {
        null => null,
        IDictionary<string, object?> or IList<object?> => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ToPlainValue(node))),
        var value => JsonValue.Create(value),
    };

    public static object? ToPlainValue(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(ToPlainValue).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => ToPlainValue(kv.Value), StringComparer.Ordinal),
        _ => null,
    };

    private static object? Scalar(YamlScalarNode scalar)
    {
        string? value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || value is null)
        {
            return value;
        }

        return value switch
        {
            "" or "~" or "null" => null,
            "true" => true,
            "false" => false,
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => value,
        };
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// A Plex response element (<c>MediaContainer</c>, <c>Directory</c>, <c>Video</c>, <c>Media</c> …): attributes plus
/// children, written as XML (the default) or as Plex's JSON (children grouped in arrays by JSON name).
/// </summary>
public sealed class PlexNode
{
    public PlexNode(string xmlName, string? jsonName = null)
    {
        XmlName = xmlName;
        JsonName = jsonName ?? xmlName;
    }

    public string XmlName { get; }

    public string JsonName { get; }

    /// <summary>Written in JSON as an object instead of a one-element array (Plex does so for <c>Context</c>).</summary>
    public bool JsonObject { get; init; }

    public List<KeyValuePair<string, object?>> Attributes { get; } = [];

    public List<PlexNode> Children { get; } = [];

    public PlexNode Set(string name, object? value)
    {
        Attributes.Add(KeyValuePair.Create(name, value));
        return this;
    }

    public PlexNode Add(PlexNode child)
    {
        Children.Add(child);
        return this;
    }

    public string ToXml()
    {
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), ToElement(this));
        return document.Declaration + "\n" + document.Root!.ToString(SaveOptions.DisableFormatting) + "\n";
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(JsonName);
            WriteJson(writer, this);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static XElement ToElement(PlexNode node)
    {
        var element = new XElement(node.XmlName);
        foreach (var (name, value) in node.Attributes)
        {
            if (value is not null)
            {
                element.SetAttributeValue(name, value switch
                {
                    bool b => b ? "1" : "0",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
            }
        }

        foreach (var child in node.Children)
        {
            element.Add(ToElement(child));
        }

        return element;
    }

    private static void WriteJson(Utf8JsonWriter writer, PlexNode node)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in node.Attributes)
        {
            switch (value)
            {
                case null:
                    break;
                case bool b:
                    writer.WriteBoolean(name, b);
                    break;
                case int i:
                    writer.WriteNumber(name, i);
                    break;
                case long l:
                    writer.WriteNumber(name, l);
                    break;
                case double d:
                    writer.WriteNumber(name, d);
                    break;
                default:
                    writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        foreach (var group in node.Children.GroupBy(c => c.JsonName))
        {
            if (group.Count() == 1 && group.First().JsonObject)
            {
                writer.WritePropertyName(group.Key);
                WriteJson(writer, group.First());
                continue;
            }

            writer.WriteStartArray(group.Key);
            foreach (var child in group)
            {
                WriteJson(writer, child);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}

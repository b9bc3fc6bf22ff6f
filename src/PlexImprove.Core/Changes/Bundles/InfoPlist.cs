using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace PlexImprove.Core.Changes.Bundles;

/// <summary>
/// A bundle's <c>Contents/Info.plist</c> read as a property list, the way Plex reads it (<c>plistlib</c>): the top
/// dictionary's keys and values, whatever comments or whitespace sit between them. The one reading of a plist that the
/// gate, the box and the tools share.
/// </summary>
public sealed class InfoPlist
{
    private readonly Dictionary<string, object?> _values;

    private InfoPlist(Dictionary<string, object?> values) => _values = values;

    /// <summary>The top dictionary: strings, booleans, integers, reals, arrays (lists) and dictionaries.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary><c>CFBundleIdentifier</c>, trimmed, or null when absent or not a string.</summary>
    public string? Identifier => String("CFBundleIdentifier");

    /// <summary><c>PlexPluginCodePolicy</c> = <c>Elevated</c> (any case): the elevated policy; anything else standard.</summary>
    public bool IsElevated => string.Equals(String("PlexPluginCodePolicy"), "Elevated", StringComparison.OrdinalIgnoreCase);

    /// <summary>A string value, trimmed, or null.</summary>
    public string? String(string key) => _values.GetValueOrDefault(key) is string s ? s.Trim() : null;

    /// <summary>Reads the plist file. Throws <see cref="XmlException"/> for a file that is not an XML property list.</summary>
    public static InfoPlist Load(string path) => Parse(XDocument.Load(path));

    /// <summary>Reads the plist of the bundle folder <paramref name="bundle"/>, or null when it is missing or unreadable.</summary>
    public static InfoPlist? TryLoadBundle(string bundle)
    {
        var path = Path.Combine(bundle, "Contents", "Info.plist");
        try
        {
            return File.Exists(path) ? Load(path) : null;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads a parsed plist document: its first <c>dict</c> below <c>plist</c> (an empty one without it).</summary>
    public static InfoPlist Parse(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root;
        var dict = root?.Name.LocalName == "dict" ? root : root?.Elements("dict").FirstOrDefault();
        return new InfoPlist(dict is null ? [] : ReadDict(dict));
    }

    private static Dictionary<string, object?> ReadDict(XElement dict)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        string? key = null;
        // Elements() skips comments and whitespace: a comment between a key and its value changes nothing.
        foreach (var element in dict.Elements())
        {
            if (element.Name.LocalName == "key")
            {
                key = element.Value.Trim();
            }
            else if (key is not null)
            {
                values[key] = ReadValue(element);
                key = null;
            }
        }

        return values;
    }

    private static object? ReadValue(XElement element) => element.Name.LocalName switch
    {
        "string" => element.Value,
        "true" => true,
        "false" => false,
        "integer" => long.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null,
        "real" => double.TryParse(element.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        "array" => element.Elements().Select(ReadValue).ToList(),
        "dict" => ReadDict(element),
        _ => element.Value,
    };
}

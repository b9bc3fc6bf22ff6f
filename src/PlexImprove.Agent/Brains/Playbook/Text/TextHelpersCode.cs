namespace PlexImprove.Agent.Brains.Playbook.Text;

/// <summary>
/// The two module-level functions the text rewrites call, written for Plex's loader (no leading underscore). Plex hands
/// agents UTF-8 byte strings and parsers return unicode, so both directions use UTF-8.
/// </summary>
public static class TextHelpersCode
{
    public const string ToTextName = "utf8_text";

    public const string ToBytesName = "utf8_bytes";

    public static string NameFor(TextStrategy strategy) => strategy == TextStrategy.ToText ? ToTextName : ToBytesName;

    /// <summary>The definitions of the helpers <paramref name="names"/> the module lacks, followed by two blank lines.</summary>
    public static string Definitions(string moduleText, string indent, IEnumerable<string> names)
    {
        var code = new System.Text.StringBuilder();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (moduleText.Contains("def " + name + "(", StringComparison.Ordinal))
            {
                continue;
            }

            code.Append(name == ToTextName
                ? $"def {ToTextName}(value):\n{indent}'''The value as unicode: byte strings (Plex's arguments, raw HTTP content) are UTF-8.'''\n"
                  + $"{indent}if isinstance(value, str):\n{indent}{indent}return value.decode('utf-8', 'replace')\n"
                  + $"{indent}if isinstance(value, unicode):\n{indent}{indent}return value\n{indent}return unicode(value)\n\n\n"
                : $"def {ToBytesName}(value):\n{indent}'''The value as a UTF-8 byte string, for the calls that need bytes (URL quoting, str-only APIs).'''\n"
                  + $"{indent}if isinstance(value, unicode):\n{indent}{indent}return value.encode('utf-8')\n"
                  + $"{indent}if isinstance(value, str):\n{indent}{indent}return value\n{indent}return str(value)\n\n\n");
        }

        return code.ToString();
    }
}

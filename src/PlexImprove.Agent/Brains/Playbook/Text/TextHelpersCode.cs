namespace PlexImprove.Agent.Brains.Playbook.Text;

/// <summary>
/// The two module-level functions the text rewrites call, written for Plex's loader (no leading underscore). Plex hands
/// agents UTF-8 byte strings and parsers return unicode, so both directions use UTF-8; bytes that are not UTF-8 are read
/// as Windows-1252, the charset of most older sites (a superset of Latin-1's printable characters).
/// </summary>
public static class TextHelpersCode
{
    public const string ToTextName = "utf8_text";

    public const string ToBytesName = "utf8_bytes";

    public static string NameFor(TextStrategy strategy) => strategy == TextStrategy.ToText ? ToTextName : ToBytesName;

    /// <summary>The definitions of the helpers <paramref name="names"/> the module lacks, each followed by two blank lines.</summary>
    public static string Definitions(string moduleText, string indent, IEnumerable<string> names)
    {
        var code = new System.Text.StringBuilder();
        foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (moduleText.Contains("def " + name + "(", StringComparison.Ordinal))
            {
                continue;
            }

            string[] lines = name == ToTextName
                ?
                [
                    $"def {ToTextName}(value):",
                    $"{indent}\"\"\"The value as unicode: byte strings are UTF-8 (Plex's arguments), else Windows-1252 (older sites).\"\"\"",
                    $"{indent}if isinstance(value, str):",
                    $"{indent}{indent}try:",
                    $"{indent}{indent}{indent}return value.decode('utf-8')",
                    $"{indent}{indent}except UnicodeDecodeError:",
                    $"{indent}{indent}{indent}return value.decode('cp1252', 'replace')",
                    $"{indent}if isinstance(value, unicode):",
                    $"{indent}{indent}return value",
                    $"{indent}return unicode(value)",
                ]
                :
                [
                    $"def {ToBytesName}(value):",
                    $"{indent}\"\"\"The value as a UTF-8 byte string, for the calls that need bytes (URL quoting, hashing).\"\"\"",
                    $"{indent}if isinstance(value, unicode):",
                    $"{indent}{indent}return value.encode('utf-8')",
                    $"{indent}if isinstance(value, str):",
                    $"{indent}{indent}return value",
                    $"{indent}return str(value)",
                ];
            code.Append(string.Join("\n", lines)).Append("\n\n\n");
        }

        return code.ToString();
    }
}

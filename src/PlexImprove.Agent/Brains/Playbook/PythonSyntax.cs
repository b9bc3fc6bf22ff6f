namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// Just enough of Python's lexical structure to edit one expression of agent code: string literals skipped, brackets
/// matched, top-level separators found. Not a parser: rules use it on the single line a traceback names.
/// </summary>
public static class PythonSyntax
{
    /// <summary>The index of the bracket closing the one at <paramref name="open"/>, or -1 when the text ends first.</summary>
    public static int Closing(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                i = StringEnd(text, i);
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the quote closing the string literal that opens at <paramref name="quote"/> (or the last index).</summary>
    public static int StringEnd(string text, int quote)
    {
        char q = text[quote];
        bool triple = quote + 2 < text.Length && text[quote + 1] == q && text[quote + 2] == q;
        for (int i = quote + (triple ? 3 : 1); i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == q && (!triple || (i + 2 < text.Length && text[i + 1] == q && text[i + 2] == q)))
            {
                return triple ? i + 2 : i;
            }
        }

        return text.Length - 1;
    }

    /// <summary>The pieces of <paramref name="text"/> between top-level occurrences of <paramref name="separator"/>, with their start indexes.</summary>
    public static IReadOnlyList<(int Start, string Text)> SplitTopLevel(string text, char separator)
    {
        var parts = new List<(int, string)>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                i = StringEnd(text, i);
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add((start, text[start..i]));
                start = i + 1;
            }
        }

        parts.Add((start, text[start..]));
        return parts;
    }

    /// <summary>True when the (trimmed) expression is a string or number literal, with an optional <c>u</c>/<c>b</c>/<c>r</c> prefix.</summary>
    public static bool IsLiteral(string expression)
    {
        var e = expression.Trim();
        if (e.Length == 0)
        {
            return true;
        }

        var unprefixed = e.TrimStart('u', 'U', 'b', 'B', 'r', 'R');
        if (unprefixed.Length > 0 && unprefixed[0] is '\'' or '"' && e.Length - unprefixed.Length <= 2)
        {
            return StringEnd(unprefixed, 0) == unprefixed.Length - 1;
        }

        return double.TryParse(e, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Where the code of <paramref name="line"/> ends: the position of its <c>#</c> comment, or the line's length.</summary>
    public static int CodeEnd(string line)
    {
        for (int i = 0; i < line.Length; i++)
        {
            if (line[i] is '\'' or '"')
            {
                i = StringEnd(line, i);
            }
            else if (line[i] == '#')
            {
                return i;
            }
        }

        return line.Length;
    }

    /// <summary>The indentation unit the module uses (its first indented line), four spaces when it has none.</summary>
    public static string IndentUnit(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.Length > 0 && trimmed.Length < line.Length && !trimmed.StartsWith('#'))
            {
                return line[..(line.Length - trimmed.Length)];
            }
        }

        return "    ";
    }

    /// <summary>The index of the first top-level <c>def</c> or <c>class</c> line of a module, or null when it has none.</summary>
    public static int? FirstTopLevelDefinition(string text)
    {
        int index = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("def ", StringComparison.Ordinal) || line.StartsWith("class ", StringComparison.Ordinal) || line.StartsWith('@'))
            {
                return index;
            }

            index += line.Length + 1;
        }

        return null;
    }
}

using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>A function (or method) of an agent module: its name and the lines of its body.</summary>
public sealed partial record PythonFunction(string Name, int DefLine, int FirstLine, int LastLine)
{
    /// <summary>The innermost function whose body holds 1-based <paramref name="line"/>.</summary>
    public static PythonFunction? Enclosing(AgentCodeFile file, int line)
    {
        var lines = file.Text.Split('\n');
        for (int i = Math.Min(line, lines.Length) - 1; i >= 0; i--)
        {
            if (Def().Match(lines[i]) is { Success: true } m)
            {
                var function = Body(lines, i, m);
                if (function.LastLine >= line)
                {
                    return function;
                }
            }
        }

        return null;
    }

    /// <summary>The first function or method named <paramref name="name"/>.</summary>
    public static PythonFunction? Named(AgentCodeFile file, string name)
    {
        var lines = file.Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (Def().Match(lines[i]) is { Success: true } m && m.Groups["name"].Value == name)
            {
                return Body(lines, i, m);
            }
        }

        return null;
    }

    private static PythonFunction Body(string[] lines, int defIndex, Match def)
    {
        int indent = def.Groups["indent"].Value.Length;
        int last = defIndex;
        for (int j = defIndex + 1; j < lines.Length; j++)
        {
            var text = lines[j].TrimEnd('\r');
            if (text.Trim().Length == 0 || text.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (text.Length - text.TrimStart().Length <= indent)
            {
                break;
            }

            last = j;
        }

        return new PythonFunction(def.Groups["name"].Value, defIndex + 1, defIndex + 2, last + 1);
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)def\s+(?<name>\w+)\s*\(")]
    private static partial Regex Def();
}

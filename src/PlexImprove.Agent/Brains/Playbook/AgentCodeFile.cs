namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>One Python module of an agent: its path relative to the Plug-ins root and its text.</summary>
public sealed record AgentCodeFile(string RelativePath, string Text)
{
    /// <summary>The 1-based line holding character <paramref name="index"/>.</summary>
    public int LineOf(int index)
    {
        int line = 1;
        for (int i = 0; i < index && i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    /// <summary>The text of 1-based line <paramref name="line"/>, without its end of line; empty when out of range.</summary>
    public string Line(int line)
    {
        var lines = Text.Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
    }

    /// <summary>Index of the first character of 1-based line <paramref name="line"/>; -1 when out of range.</summary>
    public int StartOfLine(int line)
    {
        if (line < 1)
        {
            return -1;
        }

        int index = 0;
        for (int current = 1; current < line; current++)
        {
            index = Text.IndexOf('\n', index);
            if (index < 0)
            {
                return -1;
            }

            index++;
        }

        return index;
    }
}

using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// One call of the Framework's URL fetchers in an agent's code (<c>HTML.ElementFromURL</c>, <c>HTTP.Request</c>,
/// <c>JSON.ObjectFromURL</c>, <c>XML.ElementFromURL</c>): where it is and which keyword arguments it passes.
/// </summary>
public sealed partial class FetchCall
{
    public required AgentCodeFile File { get; init; }

    /// <summary>The fetcher's name as written (<c>HTML.ElementFromURL</c>).</summary>
    public required string Function { get; init; }

    /// <summary>Index of the call's first character (the fetcher's name).</summary>
    public required int Start { get; init; }

    /// <summary>Index of the closing parenthesis.</summary>
    public required int Close { get; init; }

    /// <summary>The text between the parentheses.</summary>
    public string Arguments => File.Text[(File.Text.IndexOf('(', Start) + 1)..Close];

    public string Text => File.Text[Start..(Close + 1)];

    public int Line => File.LineOf(Start);

    public bool Passes(string keyword) => Regex.IsMatch(Arguments, @"(^|[\s,(])" + Regex.Escape(keyword) + @"\s*=(?!=)");

    /// <summary>The value text of keyword argument <paramref name="keyword"/>, or null.</summary>
    public string? ValueOf(string keyword)
    {
        var m = Regex.Match(Arguments, @"(^|[\s,(])" + Regex.Escape(keyword) + @"\s*=(?!=)\s*");
        if (!m.Success)
        {
            return null;
        }

        int start = m.Index + m.Length;
        int end = SkipExpression(Arguments, start);
        return Arguments[start..end].Trim();
    }

    /// <summary>Every fetcher call in <paramref name="file"/>, in order; calls inside comments or strings are skipped.</summary>
    public static IReadOnlyList<FetchCall> FindAll(AgentCodeFile file)
    {
        var calls = new List<FetchCall>();
        foreach (Match m in Fetcher().Matches(file.Text))
        {
            if (InCommentOrString(file.Text, m.Index))
            {
                continue;
            }

            int open = m.Index + m.Length - 1;
            int close = MatchingParenthesis(file.Text, open);
            if (close > open)
            {
                calls.Add(new FetchCall { File = file, Function = m.Groups[1].Value, Start = m.Index, Close = close });
            }
        }

        return calls;
    }

    /// <summary>Index of the parenthesis closing the one at <paramref name="open"/>, strings skipped; -1 when unbalanced.</summary>
    public static int MatchingParenthesis(string text, int open)
    {
        int depth = 0;
        for (int i = open; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                i = PythonSyntax.StringEnd(text, i);
                continue;
            }

            if (c == '#')
            {
                int eol = text.IndexOf('\n', i);
                i = eol < 0 ? text.Length : eol;
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return c == ')' ? i : -1;
                }
            }
        }

        return -1;
    }

    /// <summary>End (exclusive) of the expression starting at <paramref name="start"/>: up to a top-level comma or the end.</summary>
    internal static int SkipExpression(string text, int start)
    {
        int depth = 0;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\'' or '"')
            {
                i = PythonSyntax.StringEnd(text, i);
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                return i;
            }
        }

        return text.Length;
    }

    private static bool InCommentOrString(string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        for (int i = lineStart; i < index; i++)
        {
            if (text[i] == '#')
            {
                return true;
            }

            if (text[i] is '\'' or '"')
            {
                int end = PythonSyntax.StringEnd(text, i);
                if (end >= index)
                {
                    return true;
                }

                i = end;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\b(HTML\.ElementFromURL|HTTP\.Request|JSON\.ObjectFromURL|XML\.ElementFromURL)\s*\(")]
    private static partial Regex Fetcher();
}

using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// Finds the agent's title comparisons — each <c>and</c>/<c>or</c> clause of an <c>if</c>/<c>elif</c> that is one
/// <c>==</c>, <c>!=</c>, <c>in</c>, <c>not in</c> or <c>.startswith(…)</c> on something named like a title — and wraps
/// both sides in <see cref="TitleNormaliserCode.FunctionName"/>, which it defines once per module, before its first
/// top-level <c>def</c> or <c>class</c>.
/// </summary>
internal static partial class TitleComparisonRewrite
{
    private static readonly string[] Operators = [" not in ", " in ", "==", "!="];

    /// <summary>The rewrite and the 1-based lines it changed; null when no comparison was found.</summary>
    public static (SourceRewrite Rewrite, IReadOnlyList<(AgentCodeFile File, int Line)> Lines)? Build(AgentBundle bundle)
    {
        var rewrite = new SourceRewrite();
        var changed = new List<(AgentCodeFile, int)>();
        foreach (var file in bundle.Files)
        {
            if (file.Text.Contains("def " + TitleNormaliserCode.FunctionName + "(", StringComparison.Ordinal))
            {
                continue;
            }

            int before = changed.Count;
            foreach (Match m in Condition().Matches(file.Text))
            {
                var condition = m.Groups["cond"];
                if (WrapClauses(condition.Value.Trim()) is not { } wrapped)
                {
                    continue;
                }

                rewrite.Replace(file, condition.Index, condition.Index + condition.Length, wrapped);
                changed.Add((file, file.LineOf(condition.Index)));
            }

            if (changed.Count > before && TopLevelStart(file) is { } at)
            {
                rewrite.Insert(file, at, TitleNormaliserCode.Function(IndentUnit(file.Text)));
            }
            else if (changed.Count > before)
            {
                // Comparisons in a module without a top-level def or class: no place is sure to run before them.
                return null;
            }
        }

        return changed.Count == 0 ? null : (rewrite, changed);
    }

    /// <summary>
    /// The condition with each of its top-level <c>and</c>/<c>or</c> clauses that compares titles wrapped (the others
    /// kept as written), or null when no clause does.
    /// </summary>
    internal static string? WrapClauses(string condition)
    {
        var outside = Outside(condition);
        var clauses = new List<string>();
        var separators = new List<string>();
        int start = 0;
        foreach (Match separator in ClauseSeparator().Matches(outside))
        {
            clauses.Add(condition[start..separator.Index]);
            separators.Add(condition.Substring(separator.Index, separator.Length));
            start = separator.Index + separator.Length;
        }

        clauses.Add(condition[start..]);
        bool changed = false;
        for (int i = 0; i < clauses.Count; i++)
        {
            if (TitleLike().IsMatch(clauses[i]) && Wrap(clauses[i].Trim()) is { } wrapped)
            {
                clauses[i] = wrapped;
                changed = true;
            }
        }

        return changed ? string.Concat(clauses.Select((c, i) => i < separators.Count ? c + separators[i] : c)) : null;
    }

    /// <summary>The clause with both compared sides wrapped, or null when it is not a single title comparison.</summary>
    internal static string? Wrap(string condition)
    {
        var negation = condition.StartsWith("not ", StringComparison.Ordinal) ? "not " : "";
        var body = condition[negation.Length..].Trim();
        if (Split(body) is { } parts)
        {
            return IsValue(parts.Left) && IsValue(parts.Right)
                ? $"{negation}{Call(parts.Left)}{parts.Operator}{Call(parts.Right)}"
                : null;
        }

        int at = body.LastIndexOf(".startswith(", StringComparison.Ordinal);
        if (at > 0 && body.EndsWith(')') && Depth(body, at) == 0 && Closing(body, at + ".startswith".Length) == body.Length - 1)
        {
            var subject = body[..at];
            var prefix = body[(at + ".startswith(".Length)..^1];
            return IsValue(subject) && IsValue(prefix) ? $"{negation}{Call(subject)}.startswith({Call(prefix)})" : null;
        }

        return null;
    }

    private static string Call(string side) => $"{TitleNormaliserCode.FunctionName}({side.Trim()})";

    /// <summary>A side worth normalising: not a literal, not already wrapped, no boolean operators inside.</summary>
    private static bool IsValue(string side)
    {
        var s = side.Trim();
        return s.Length > 0
            && !s.StartsWith(TitleNormaliserCode.FunctionName + "(", StringComparison.Ordinal)
            && s[0] is not ('\'' or '"' or '[' or '{' or '(') && !char.IsDigit(s[0])
            && s is not ("None" or "True" or "False")
            && !BooleanOperator().IsMatch(Outside(s));
    }

    /// <summary>The one top-level comparison operator of <paramref name="body"/>; null for none or several.</summary>
    private static (string Left, string Operator, string Right)? Split(string body)
    {
        var outside = Outside(body);
        (int Index, string Operator)? found = null;
        foreach (var op in Operators)
        {
            int at = outside.IndexOf(op, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (outside.IndexOf(op, at + op.Length, StringComparison.Ordinal) >= 0 || (found is { } f && !(op == " in " && f.Operator == " not in ")))
            {
                return null;
            }

            found ??= (at, op);
        }

        if (found is not { } hit)
        {
            return null;
        }

        var spaced = hit.Operator.Trim().Length == hit.Operator.Length ? " " + hit.Operator + " " : hit.Operator;
        return (body[..hit.Index].Trim(), spaced, body[(hit.Index + hit.Operator.Length)..].Trim());
    }

    /// <summary>
    /// <paramref name="text"/> with strings and everything inside brackets blanked (the outermost brackets kept), so
    /// operators and brackets found in it are top-level.
    /// </summary>
    private static string Outside(string text)
    {
        var chars = text.ToCharArray();
        int depth = 0;
        char quote = '\0';
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (quote != '\0')
            {
                if (c == '\\' && i + 1 < chars.Length)
                {
                    chars[i++] = ' ';
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                chars[i] = ' ';
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                chars[i] = ' ';
            }
            else if (c is '(' or '[' or '{')
            {
                chars[i] = depth++ > 0 ? ' ' : c;
            }
            else if (c is ')' or ']' or '}')
            {
                chars[i] = --depth > 0 ? ' ' : c;
            }
            else if (depth > 0)
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }

    private static int Depth(string text, int index) => Outside(text[..index]).Count(c => c is '(' or '[' or '{') - Outside(text[..index]).Count(c => c is ')' or ']' or '}');

    /// <summary>Index of the bracket closing the one at <paramref name="open"/>; -1 when unbalanced.</summary>
    private static int Closing(string text, int open)
    {
        var outside = Outside(text);
        int depth = 0;
        for (int i = open; i < outside.Length; i++)
        {
            if (outside[i] is '(' or '[' or '{')
            {
                depth++;
            }
            else if (outside[i] is ')' or ']' or '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Where the module's first top-level <c>def</c>, <c>class</c> or decorator starts.</summary>
    private static int? TopLevelStart(AgentCodeFile file) => TopLevel().Match(file.Text) is { Success: true } m ? m.Index : null;

    private static string IndentUnit(string text) => Indented().Match(text) is { Success: true } m ? m.Groups[1].Value : "    ";

    [GeneratedRegex(@"^[ \t]*(?:if|elif)[ \t]+(?<cond>[^\n#]+?)[ \t]*:[ \t]*(?:#[^\n]*)?\r?$", RegexOptions.Multiline)]
    private static partial Regex Condition();

    [GeneratedRegex(@"\s+(?:and|or)\s+")]
    private static partial Regex ClauseSeparator();

    [GeneratedRegex(@"title|name", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLike();

    [GeneratedRegex(@"(?:^|\s)(?:and|or|not|if|else|lambda)\s")]
    private static partial Regex BooleanOperator();

    [GeneratedRegex(@"^(?:def|class|@)", RegexOptions.Multiline)]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"^(?:def|class)[^\n]*:\r?\n(?:[ \t]*\r?\n)*([ \t]+)\S", RegexOptions.Multiline)]
    private static partial Regex Indented();
}

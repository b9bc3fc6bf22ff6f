using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>
/// Finds where agent code reads a JSON document it fetched: subscripts (<c>x['key']</c>, <c>x[0]</c>, <c>x.get('key')</c>)
/// on a name whose value comes, through assignments and <c>for</c> loops above it in the same function, from
/// <c>JSON.ObjectFromURL</c>, <c>JSON.ObjectFromString</c> or <c>json.loads</c>. Reads lines, not a parse tree: what it
/// cannot follow it leaves out.
/// </summary>
public static partial class JsonAccessReader
{
    private const int MaxDepth = 6;

    /// <summary>The JSON reads on 1-based <paramref name="line"/> of <paramref name="function"/>.</summary>
    public static IReadOnlyList<JsonAccess> OnLine(AgentCodeFile file, PythonFunction function, int line)
    {
        var found = new List<JsonAccess>();
        var text = file.Line(line);
        int lineStart = file.StartOfLine(line);
        int codeEnd = PythonSyntax.CodeEnd(text);
        foreach (Match name in ChainStart().Matches(text[..codeEnd]))
        {
            if (InString(text, name.Index))
            {
                continue;
            }

            var (steps, end) = Suffix(file, lineStart + name.Index + name.Length);
            if (steps.Count == 0 || Resolve(file, function, name.Groups["var"].Value, line, 0) is not { } origin)
            {
                continue;
            }

            found.Add(new JsonAccess([.. origin.Steps, .. steps], file, line, file.Text[(lineStart + name.Index)..end], origin.SourceAt));
        }

        return found;
    }

    /// <summary>Every JSON read in the body of <paramref name="function"/>.</summary>
    public static IReadOnlyList<JsonAccess> InFunction(AgentCodeFile file, PythonFunction function) =>
        [.. Enumerable.Range(function.FirstLine, function.LastLine - function.FirstLine + 1).SelectMany(l => OnLine(file, function, l))];

    /// <summary>The steps from the document's root to the value of <paramref name="variable"/> as of <paramref name="line"/>; null when it does not come from a JSON document.</summary>
    private static (List<JsonStep> Steps, int SourceAt)? Resolve(AgentCodeFile file, PythonFunction function, string variable, int line, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        for (int l = line - 1; l >= function.FirstLine; l--)
        {
            var text = file.Line(l);
            int lineStart = file.StartOfLine(l);
            if (ForLoop().Match(text) is { Success: true } loop && loop.Groups["var"].Value == variable)
            {
                var iterable = loop.Groups["rhs"];
                var origin = Expression(file, function, iterable.Value, lineStart + iterable.Index, l, depth);
                return origin is not { } o ? null : ([.. o.Steps, new JsonStep(JsonStepKind.Each, null, 0, file, lineStart + iterable.Index + iterable.Length)], o.SourceAt);
            }

            if (Assignment().Match(text) is { Success: true } assignment && assignment.Groups["var"].Value == variable)
            {
                var value = assignment.Groups["rhs"];
                return Expression(file, function, value.Value, lineStart + value.Index, l, depth);
            }
        }

        return null;
    }

    /// <summary>The steps to the value of an expression: a JSON source call with subscripts, or a name with subscripts.</summary>
    private static (List<JsonStep> Steps, int SourceAt)? Expression(AgentCodeFile file, PythonFunction function, string expression, int at, int line, int depth)
    {
        if (JsonSource().Match(expression) is { Success: true } source && source.Index == 0)
        {
            int close = PythonSyntax.Closing(expression, source.Length - 1);
            if (close < 0)
            {
                return null;
            }

            var (steps, end) = Suffix(file, at + close + 1);
            return end == at + expression.TrimEnd().Length ? (steps, at) : null;
        }

        if (Name().Match(expression) is { Success: true } name)
        {
            var (steps, end) = Suffix(file, at + name.Length);
            if (end != at + expression.TrimEnd().Length)
            {
                return null;
            }

            return Resolve(file, function, name.Value, line, depth + 1) is { } origin ? ([.. origin.Steps, .. steps], origin.SourceAt) : null;
        }

        return null;
    }

    /// <summary>The subscripts written from <paramref name="at"/> on, and where they end.</summary>
    private static (List<JsonStep> Steps, int End) Suffix(AgentCodeFile file, int at)
    {
        var steps = new List<JsonStep>();
        var text = file.Text;
        while (at < text.Length)
        {
            if (KeyStep().Match(text, at) is { Success: true } key && key.Index == at)
            {
                var k = key.Groups["key"];
                steps.Add(new JsonStep(JsonStepKind.Key, k.Value, 0, file, at, k.Index, k.Index + k.Length));
                at += key.Length;
            }
            else if (IndexStep().Match(text, at) is { Success: true } index && index.Index == at)
            {
                steps.Add(new JsonStep(JsonStepKind.Index, null, int.Parse(index.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), file, at));
                at += index.Length;
            }
            else
            {
                break;
            }
        }

        return (steps, at);
    }

    private static bool InString(string line, int index)
    {
        for (int i = 0; i < index && i < line.Length; i++)
        {
            if (line[i] is '\'' or '"')
            {
                int end = PythonSyntax.StringEnd(line, i);
                if (index <= end)
                {
                    return true;
                }

                i = end;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![\w.'""])(?<var>[A-Za-z_]\w*)(?=\[|\.get\()")]
    private static partial Regex ChainStart();

    [GeneratedRegex(@"\G(?:\[\s*u?(?<q>['""])(?<key>[^'""\\\n]*)\k<q>\s*\]|\.get\(\s*u?(?<q2>['""])(?<key>[^'""\\\n]*)\k<q2>\s*(?:,[^()\n]*)?\))")]
    private static partial Regex KeyStep();

    [GeneratedRegex(@"\G\[\s*(?<n>\d+)\s*\]")]
    private static partial Regex IndexStep();

    [GeneratedRegex(@"^\s*for\s+(?<var>\w+)\s+in\s+(?<rhs>.+?)\s*:\s*(?:#.*)?\r?$")]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"^\s*(?<var>\w+)\s*=(?!=)\s*(?<rhs>[^#\n]+?)\s*(?:#.*)?\r?$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?:JSON\.ObjectFromURL|JSON\.ObjectFromString|json\.loads|simplejson\.loads)\s*\(")]
    private static partial Regex JsonSource();

    [GeneratedRegex(@"^[A-Za-z_]\w*")]
    private static partial Regex Name();
}

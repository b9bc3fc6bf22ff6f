using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook.Selectors;

/// <summary>
/// One <c>receiver.xpath('…')</c> call on a line of agent code: the variable it assigns, whether it takes <c>[0]</c>,
/// and where the expression's literal sits in the file (so it can be replaced).
/// </summary>
public sealed partial class XPathCall
{
    public required int Line { get; init; }
    public string? Target { get; init; }
    public required string Receiver { get; init; }
    public required string Expression { get; init; }
    public required char Quote { get; init; }
    public required bool TakesFirst { get; init; }

    /// <summary><c>for target in receiver.xpath('…'):</c> — the code runs its body once per node, <see cref="Target"/> naming each.</summary>
    public bool Loops { get; init; }

    /// <summary>Index in the file of the expression's first character (inside the quotes).</summary>
    public required int ExpressionStart { get; init; }

    public bool IsAbsolute => Expression.StartsWith('/') || Expression.StartsWith('(');

    /// <summary>The xpath calls and for-loop bindings of lines <paramref name="firstLine"/>..<paramref name="lastLine"/>, in order.</summary>
    public static IReadOnlyList<object> Scan(AgentCodeFile file, int firstLine, int lastLine)
    {
        var items = new List<object>();
        for (int line = firstLine; line <= lastLine; line++)
        {
            var text = file.Line(line);
            if (Loop().Match(text) is { Success: true } loop)
            {
                items.Add(new LoopBinding(loop.Groups["var"].Value, loop.Groups["source"].Value));
                continue;
            }

            var m = Call().Match(text);
            if (!m.Success)
            {
                continue;
            }

            var loopOverCall = LoopOverCall().Match(text);
            items.Add(new XPathCall
            {
                Line = line,
                Target = loopOverCall.Success ? loopOverCall.Groups["var"].Value : m.Groups["target"].Success ? m.Groups["target"].Value : null,
                Loops = loopOverCall.Success,
                Receiver = m.Groups["recv"].Value,
                Expression = m.Groups["expr"].Value,
                Quote = m.Groups["q"].Value[0],
                TakesFirst = m.Groups["first"].Success,
                ExpressionStart = file.StartOfLine(line) + m.Groups["expr"].Index,
            });
        }

        return items;
    }

    [GeneratedRegex(@"^\s*(?:(?<target>[A-Za-z]\w*)\s*=\s*)?[^#]*?\b(?<recv>[A-Za-z]\w*)\.xpath\(\s*(?<q>['""])(?<expr>(?:(?!\k<q>).)*)\k<q>\s*\)(?<first>\[0\])?")]
    private static partial Regex Call();

    [GeneratedRegex(@"^\s*for\s+(?<var>[A-Za-z]\w*)\s+in\s+(?<source>[A-Za-z]\w*)\s*:")]
    private static partial Regex Loop();

    [GeneratedRegex(@"^\s*for\s+(?<var>[A-Za-z]\w*)\s+in\s+[A-Za-z]\w*\.xpath\(")]
    private static partial Regex LoopOverCall();
}

/// <summary><c>for var in source:</c> — the loop variable stands for the source's first node.</summary>
public sealed record LoopBinding(string Variable, string Source);

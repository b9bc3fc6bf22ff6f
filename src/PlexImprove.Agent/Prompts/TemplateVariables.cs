using Scriban.Functions;
using Scriban.Syntax;

namespace PlexImprove.Agent.Prompts;

/// <summary>
/// The global variables a Scriban template reads but never sets itself: each must be a declared input, or rendering
/// would fail (strict variables). Found statically, so a typo is caught when the prompt loads, not when it is used.
/// </summary>
internal static class TemplateVariables
{
    private static readonly HashSet<string> Builtins = new([.. new BuiltinFunctions().Keys, "empty", "blank", "for", "while", "tablerow"], StringComparer.Ordinal);

    /// <summary>Names read but not defined by the template, with the 0-based line of their first use.</summary>
    public static IReadOnlyList<(string Name, int Line)> Undefined(ScriptPage page)
    {
        var collector = new Collector();
        page.Accept(collector);
        return [.. collector.Used
            .Where(u => !collector.Defined.Contains(u.Name) && !Builtins.Contains(u.Name))
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g => g.OrderBy(u => u.Line).First())];
    }

    private sealed class Collector : ScriptVisitor
    {
        public List<(string Name, int Line)> Used { get; } = [];

        public HashSet<string> Defined { get; } = new(StringComparer.Ordinal);

        public override void Visit(ScriptVariableGlobal node)
        {
            // In 'fix.Title', 'Title' is a member, not a variable.
            if (node.Parent is not ScriptMemberExpression member || !ReferenceEquals(member.Member, node))
            {
                Used.Add((node.Name, node.Span.Start.Line));
            }

            base.Visit(node);
        }

        public override void Visit(ScriptAssignExpression node)
        {
            Define(node.Target);
            base.Visit(node);
        }

        public override void Visit(ScriptForStatement node)
        {
            Define(node.Variable);
            base.Visit(node);
        }

        public override void Visit(ScriptCaptureStatement node)
        {
            Define(node.Target);
            base.Visit(node);
        }

        private void Define(ScriptNode? target)
        {
            if (target is ScriptVariable variable)
            {
                Defined.Add(variable.Name);
            }
        }
    }
}

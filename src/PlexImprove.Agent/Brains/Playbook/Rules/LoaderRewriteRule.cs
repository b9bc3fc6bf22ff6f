using System.Text.RegularExpressions;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// The plug-in does not load (or fails at run time) because of one of Plex's loader rules → the rewrite the rule
/// calls for, read from the failure's last traceback line: a name or attribute starting with <c>_</c> is renamed,
/// augmented assignment becomes plain assignment (<c>n -= 1</c> → <c>n = n - (1)</c>), and the builtins the
/// sandbox lacks are replaced (<c>sum</c> → <c>reduce</c>, <c>any</c>/<c>all</c> → membership of a list of truth values).
/// </summary>
public sealed partial class LoaderRewriteRule : IPlaybookRule
{
    public const string RuleName = "loader-rewrite";

    public string Name => RuleName;

    public Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var failures = agent.Log.OfKind("load").Concat(agent.Log.OfKind("crash"))
            .Where(i => i.ExceptionLine is not null && Shape(i.ExceptionLine) is not null).ToList();
        if (failures.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<RuleProposal>>([]);
        }

        var signatures = agent.Signatures.Where(s => s.Kind == "load" || failures.Any(f => s.Example.Contains(f.ExceptionLine!, StringComparison.Ordinal) || s.Text.Contains(Shape(f.ExceptionLine!)!.Value.Key, StringComparison.Ordinal)))
            .Select(s => s.Id).ToList();
        if (agent.Bundle is null)
        {
            return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)]);
        }

        var rewrite = new SourceRewrite();
        var changes = new List<string>();
        var evidence = new List<FixEvidence>();
        foreach (var failure in failures.DistinctBy(f => f.ExceptionLine))
        {
            var (kind, key) = Shape(failure.ExceptionLine!)!.Value;
            evidence.Add(new FixEvidence { Kind = "log", Ref = failure.CodeFile is null ? null : $"{Path.GetFileName(failure.CodeFile)}:{failure.CodeLine}", Excerpt = failure.Excerpt + " → " + failure.ExceptionLine });
            foreach (var file in agent.Bundle.Files)
            {
                int before = changes.Count;
                switch (kind)
                {
                    case "name":
                        Rename(rewrite, file, key, attribute: false, changes);
                        break;
                    case "attribute":
                        Rename(rewrite, file, key, attribute: true, changes);
                        break;
                    case "augmented":
                        Augmented(rewrite, file, key, changes);
                        break;
                    case "builtin":
                        Builtin(rewrite, file, key, changes);
                        break;
                }

                if (changes.Count > before)
                {
                    evidence.Add(new FixEvidence { Kind = "code", Ref = file.RelativePath, Excerpt = string.Join("; ", changes.Skip(before).Take(3)) });
                }
            }
        }

        if (rewrite.IsEmpty)
        {
            return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.NotBuilt("the construct the loader refuses was not found in the agent's code", signatures)]);
        }

        bool load = failures.Any(f => f.Kind == "load");
        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Rewrite what Plex's loader refuses in {FixIds.ShortName(agent.Agent)} ({changes.Count} change(s))",
            Agents = [agent.Agent],
            RootCause = $"Plex's restricted loader refuses constructs the agent uses ({string.Join("; ", failures.Select(f => f.ExceptionLine).Distinct().Take(3))}), so {(load ? "the plug-in does not load and every item fails" : "the line fails whenever it runs")}.",
            Evidence = [.. signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }), .. evidence],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The bundle loads and its functions run under Plex's sandbox.",
                Observed = failures[0].ExceptionLine!,
                DivergencePoint = changes[0],
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = load ? "loadFailures" : "signature." + (signatures.FirstOrDefault() ?? "load"), Direction = ChangeDirection.Decrease, Target = 0, Note = "the loader accepts the code" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
            ],
            SuccessIndicators = ["'Started plug-in' after the restart, no 'Exception while loading code' or 'Exception starting plug-in'"],
            FailureIndicators = ["another loader message: the file held a second refused construct (only the first is reported)"],
            Contingency = "Run check_python27 / lint_plex_loader on the bundle and rewrite the next finding the same way.",
            Priority = FixPriority.High,
            Confidence = 0.8,
            LessonsApplied = [.. context.LessonsTagged("loader").Select(l => l.Id)],
        };
        return Task.FromResult<IReadOnlyList<RuleProposal>>([RuleProposal.For(fix, signatures)]);
    }

    /// <summary>What the failure's last line asks for: (kind, key) — a name, an attribute, an operator or a builtin.</summary>
    internal static (string Kind, string Key)? Shape(string exceptionLine)
    {
        if (InvalidName().Match(exceptionLine) is { Success: true } name)
        {
            return (name.Groups["what"].Value == "attribute" ? "attribute" : "name", name.Groups["name"].Value);
        }

        if (Operator().Match(exceptionLine) is { Success: true } op)
        {
            return ("augmented", op.Groups["op"].Value);
        }

        if (exceptionLine.Contains("Augmented assignment of", StringComparison.Ordinal))
        {
            return ("augmented", "");
        }

        if (MissingBuiltin().Match(exceptionLine) is { Success: true } builtin && builtin.Groups["name"].Value is "sum" or "any" or "all")
        {
            return ("builtin", builtin.Groups["name"].Value);
        }

        return null;
    }

    private static void Rename(SourceRewrite rewrite, AgentCodeFile file, string name, bool attribute, List<string> changes)
    {
        var bare = name.TrimStart('_');
        var replacement = bare.Length == 0 ? "value" : bare;
        for (int n = 2; Regex.IsMatch(file.Text, @"(?<![\w])" + Regex.Escape(replacement) + @"\b") && replacement != name; n++)
        {
            replacement = (bare.Length == 0 ? "value" : bare) + "_" + (n == 2 ? "own" : "own" + n);
        }

        var pattern = attribute ? @"(?<=\.)" + Regex.Escape(name) + @"\b" : @"(?<![\w.])" + Regex.Escape(name) + @"\b";
        foreach (Match m in Regex.Matches(file.Text, pattern))
        {
            if (!InStringOrComment(file.Text, m.Index))
            {
                rewrite.Replace(file, m.Index, m.Index + m.Length, replacement);
                changes.Add($"{file.RelativePath}:{file.LineOf(m.Index)}: {name} → {replacement}");
            }
        }
    }

    private static void Augmented(SourceRewrite rewrite, AgentCodeFile file, string op, List<string> changes)
    {
        foreach (Match m in AugmentedAssignment().Matches(file.Text))
        {
            var found = m.Groups["op"].Value;
            bool plainPlus = found == "+" && PlainName().IsMatch(m.Groups["target"].Value);
            if (plainPlus || (op.Length > 0 && found != op.TrimEnd('=')) || InStringOrComment(file.Text, m.Groups["target"].Index))
            {
                continue;
            }

            var target = m.Groups["target"].Value;
            var value = m.Groups["value"].Value.TrimEnd();
            var comment = "";
            if (value.Contains('#', StringComparison.Ordinal) && !value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal))
            {
                comment = "  " + value[value.IndexOf('#', StringComparison.Ordinal)..];
                value = value[..value.IndexOf('#', StringComparison.Ordinal)].TrimEnd();
            }

            var start = m.Groups["target"].Index;
            var end = m.Groups["value"].Index + m.Groups["value"].Value.TrimEnd().Length;
            rewrite.Replace(file, start, end, $"{target} = {target} {found} ({value}){comment}");
            changes.Add($"{file.RelativePath}:{file.LineOf(start)}: {target} {found}= … → {target} = {target} {found} (…)");
        }
    }

    private static void Builtin(SourceRewrite rewrite, AgentCodeFile file, string name, List<string> changes)
    {
        foreach (Match m in Regex.Matches(file.Text, @"(?<![\w.])" + name + @"\s*\("))
        {
            if (InStringOrComment(file.Text, m.Index))
            {
                continue;
            }

            int open = m.Index + m.Length - 1;
            int close = FetchCall.MatchingParenthesis(file.Text, open);
            if (close < 0)
            {
                continue;
            }

            var argument = file.Text[(open + 1)..close].Trim();
            if (argument.Contains(" for ", StringComparison.Ordinal) && !argument.StartsWith('['))
            {
                argument = "[" + argument + "]";
            }

            var replacement = name switch
            {
                "sum" => $"reduce(lambda total, value: total + value, {argument}, 0)",
                "any" => $"(True in [bool(value) for value in {argument}])",
                _ => $"(False not in [bool(value) for value in {argument}])",
            };
            rewrite.Replace(file, m.Index, close + 1, replacement);
            changes.Add($"{file.RelativePath}:{file.LineOf(m.Index)}: {name}(…) → {replacement[..replacement.IndexOf('(', StringComparison.Ordinal)]}…");
        }
    }

    private static bool InStringOrComment(string text, int index)
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

    [GeneratedRegex(@"""(?<name>_\w+)"" is an invalid (?<what>variable|attribute) name")]
    private static partial Regex InvalidName();

    [GeneratedRegex(@"Operator '(?<op>[^']+)' is not supported")]
    private static partial Regex Operator();

    [GeneratedRegex(@"global name '(?<name>\w+)' is not defined")]
    private static partial Regex MissingBuiltin();

    [GeneratedRegex(@"^[ \t]*(?<target>[A-Za-z_][\w.]*(?:\[[^\]\n]+\])?)\s*(?<op>\+|-|\*\*|\*|//|/|%|\||&|\^|<<|>>)=(?!=)\s*(?<value>[^\n]+)$", RegexOptions.Multiline)]
    private static partial Regex AugmentedAssignment();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex PlainName();
}

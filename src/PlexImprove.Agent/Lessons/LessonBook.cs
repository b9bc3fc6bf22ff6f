using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Lessons;

/// <summary>
/// The scored DO/DON'T rules, read from and written to human-editable Markdown (<c>lessons_learned.md</c>):
/// <code>
/// ## diagnose
/// - **DO** Pace requests when a fix unblocks a site. (id `diagnose-pace`, score 3, tags: http, 429)
///   - evidence: iteration 1, fix gevi-headers: http 429 per 100 sessions 0 → 37
/// </code>
/// Operations follow ExpeL: ADD starts at 2, CONFIRM +1, EDIT replaces the text (+1), CONTRADICT −1 (−3 when the
/// phase already holds <see cref="MaxRulesPerPhase"/> rules); a rule at 0 or below is pruned.
/// </summary>
public sealed partial class LessonBook
{
    public const int MaxRulesPerPhase = 20;
    public const int AddScore = 2;

    private readonly List<LessonRule> _rules;

    public LessonBook(IEnumerable<LessonRule> rules) => _rules = [.. rules];

    public IReadOnlyList<LessonRule> Rules => _rules;

    public static LessonBook Empty => new([]);

    /// <summary>The <paramref name="count"/> best rules of a phase, highest score first (ties: file order).</summary>
    public IReadOnlyList<LessonRule> Top(LessonPhase phase, int count = 10) =>
        [.. _rules.Where(r => r.Phase == phase).Select((r, i) => (r, i)).OrderByDescending(x => x.r.Score).ThenBy(x => x.i).Take(count).Select(x => x.r)];

    public LessonRule? Find(string id) => _rules.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));

    /// <summary>Reads a lessons file; a line that looks like a rule but is malformed is an error naming file and line.</summary>
    public static LessonBook Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : Empty;

    public static LessonBook Parse(string markdown, string source = "lessons")
    {
        var rules = new List<LessonRule>();
        LessonPhase? phase = null;
        LessonRule? current = null;
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                string name = line[3..].Trim().ToLowerInvariant();
                phase = ParsePhase(name) ?? throw Error(i, $"unknown phase '{name}' (expected one of {string.Join(", ", PhaseNames.Values)})");
                continue;
            }

            if (line.StartsWith("- **", StringComparison.Ordinal))
            {
                Flush();
                var m = RuleLine().Match(line);
                if (!m.Success)
                {
                    throw Error(i, "a rule must read: - **DO** text. (id `some-id`, score 2, tags: a, b)");
                }

                if (phase is null)
                {
                    throw Error(i, "a rule must sit under a phase heading such as '## diagnose'");
                }

                current = new LessonRule
                {
                    Id = m.Groups["id"].Value,
                    Phase = phase.Value,
                    Polarity = m.Groups["pol"].Value == "DO" ? LessonPolarity.Do : LessonPolarity.Dont,
                    Text = m.Groups["text"].Value.Trim(),
                    Score = int.Parse(m.Groups["score"].Value, CultureInfo.InvariantCulture),
                    Tags = SplitTags(m.Groups["tags"].Value),
                };
                continue;
            }

            if (current is not null && line.TrimStart().StartsWith("- evidence:", StringComparison.Ordinal))
            {
                var m = EvidenceLine().Match(line.Trim());
                if (!m.Success)
                {
                    throw Error(i, "evidence must read: - evidence: iteration N, fix ID: what was measured");
                }

                current = With(current, evidence: [.. current.Evidence, new LessonEvidence
                {
                    Iteration = m.Groups["it"].Success ? int.Parse(m.Groups["it"].Value, CultureInfo.InvariantCulture) : null,
                    FixId = m.Groups["fix"].Success ? m.Groups["fix"].Value : null,
                    Delta = m.Groups["delta"].Value.Trim(),
                }]);
            }
        }

        Flush();
        var duplicate = rules.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidInputException($"{source}: the rule id '{duplicate.Key}' is used twice; ids must be unique.");
        }

        return new LessonBook(rules);

        void Flush()
        {
            if (current is not null)
            {
                rules.Add(current);
                current = null;
            }
        }

        InvalidInputException Error(int index, string message) => new($"{source}:{index + 1}: {message}.");
    }

    /// <summary>Applies operations in order; returns what each one did, in words, for the report and the decision log.</summary>
    public IReadOnlyList<string> Apply(IEnumerable<LessonOperation> operations)
    {
        var applied = new List<string>();
        foreach (var op in operations)
        {
            string evidence = op.Evidence.Delta;
            switch (op.Kind)
            {
                case LessonOperationKind.Add:
                    if (op.Phase is not { } phase || op.Polarity is not { } polarity || string.IsNullOrWhiteSpace(op.Text))
                    {
                        applied.Add("ignored an ADD without phase, polarity and text");
                        break;
                    }

                    string id = op.RuleId ?? IdFor(phase, op.Text);
                    if (Find(id) is { } existing)
                    {
                        Replace(existing, With(existing, score: existing.Score + 1, evidence: [.. existing.Evidence, op.Evidence]));
                        applied.Add($"CONFIRM {id} (added again) → score {existing.Score + 1}: {evidence}");
                        break;
                    }

                    _rules.Add(new LessonRule { Id = id, Phase = phase, Polarity = polarity, Text = op.Text.Trim(), Score = AddScore, Tags = op.Tags, Evidence = [op.Evidence] });
                    applied.Add($"ADD {id} (score {AddScore}): {evidence}");
                    break;
                case LessonOperationKind.Confirm or LessonOperationKind.Edit or LessonOperationKind.Contradict:
                    if (op.RuleId is null || Find(op.RuleId) is not { } rule)
                    {
                        applied.Add($"ignored {op.Kind.ToString().ToUpperInvariant()} of unknown rule '{op.RuleId}'");
                        break;
                    }

                    int delta = op.Kind switch
                    {
                        LessonOperationKind.Contradict => _rules.Count(r => r.Phase == rule.Phase) >= MaxRulesPerPhase ? -3 : -1,
                        _ => 1,
                    };
                    string text = op.Kind == LessonOperationKind.Edit && !string.IsNullOrWhiteSpace(op.Text) ? op.Text.Trim() : rule.Text;
                    var updated = With(rule, score: rule.Score + delta, text: text, evidence: [.. rule.Evidence, op.Evidence]);
                    Replace(rule, updated);
                    applied.Add($"{op.Kind.ToString().ToUpperInvariant()} {rule.Id} → score {updated.Score}: {evidence}");
                    break;
            }
        }

        foreach (var pruned in _rules.Where(r => r.Score <= 0).ToList())
        {
            _rules.Remove(pruned);
            applied.Add($"PRUNE {pruned.Id} (score {pruned.Score})");
        }

        foreach (var group in _rules.GroupBy(r => r.Phase).Where(g => g.Count() > MaxRulesPerPhase).ToList())
        {
            foreach (var dropped in group.OrderBy(r => r.Score).Take(group.Count() - MaxRulesPerPhase).ToList())
            {
                _rules.Remove(dropped);
                applied.Add($"PRUNE {dropped.Id} (phase full, lowest score {dropped.Score})");
            }
        }

        return applied;
    }

    /// <summary>The Markdown form, phases in order, rules in file order; <see cref="Parse"/> reads it back unchanged.</summary>
    public string ToMarkdown(string? preamble = null)
    {
        var sb = new StringBuilder();
        sb.Append(preamble ?? DefaultPreamble).Append('\n');
        foreach (var phase in Enum.GetValues<LessonPhase>())
        {
            var rules = _rules.Where(r => r.Phase == phase).ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            sb.Append("\n## ").Append(PhaseNames[phase]).Append("\n\n");
            foreach (var rule in rules)
            {
                sb.Append("- **").Append(rule.Polarity == LessonPolarity.Do ? "DO" : "DON'T").Append("** ").Append(rule.Text)
                  .Append(" (id `").Append(rule.Id).Append("`, score ").Append(rule.Score.ToString(CultureInfo.InvariantCulture));
                if (rule.Tags.Count > 0)
                {
                    sb.Append(", tags: ").Append(string.Join(", ", rule.Tags));
                }

                sb.Append(")\n");
                foreach (var e in rule.Evidence)
                {
                    sb.Append("  - evidence: ");
                    var where = new List<string>();
                    if (e.Iteration is { } it)
                    {
                        where.Add("iteration " + it.ToString(CultureInfo.InvariantCulture));
                    }

                    if (e.FixId is { Length: > 0 } fix)
                    {
                        where.Add("fix " + fix);
                    }

                    sb.Append(where.Count > 0 ? string.Join(", ", where) + ": " : "").Append(e.Delta).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>The section name used in the file for each phase.</summary>
    public static IReadOnlyDictionary<LessonPhase, string> PhaseNames { get; } = new Dictionary<LessonPhase, string>
    {
        [LessonPhase.Aggregate] = "aggregate",
        [LessonPhase.Diagnose] = "diagnose",
        [LessonPhase.Implement] = "implement",
        [LessonPhase.Test] = "test",
        [LessonPhase.PostMortem] = "postmortem",
        [LessonPhase.Coordinate] = "coordinate",
    };

    public static LessonPhase? ParsePhase(string name)
    {
        foreach (var (phase, n) in PhaseNames)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return phase;
            }
        }

        return null;
    }

    /// <summary>A readable id from the phase and the first words of the text.</summary>
    public static string IdFor(LessonPhase phase, string text)
    {
        var words = Slug().Replace(text.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5);
        return PhaseNames[phase] + "-" + string.Join('-', words);
    }

    private const string DefaultPreamble =
        "# Lessons learned\n\nDO / DON'T rules per phase, each with a score and the measured evidence behind it. Edit freely:\n" +
        "keep one rule per line as `- **DO** text. (id `an-id`, score N, tags: a, b)` under a phase heading\n" +
        "(`## aggregate`, `## diagnose`, `## implement`, `## test`, `## postmortem`, `## coordinate`).";

    private void Replace(LessonRule old, LessonRule updated) => _rules[_rules.IndexOf(old)] = updated;

    private static LessonRule With(LessonRule r, int? score = null, string? text = null, IReadOnlyList<LessonEvidence>? evidence = null) => new()
    {
        Id = r.Id,
        Phase = r.Phase,
        Polarity = r.Polarity,
        Text = text ?? r.Text,
        Score = score ?? r.Score,
        Tags = r.Tags,
        Evidence = evidence ?? r.Evidence,
    };

    private static IReadOnlyList<string> SplitTags(string tags) =>
        [.. tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^- \*\*(?<pol>DO|DON'T)\*\* (?<text>.+?) \(id `(?<id>[A-Za-z0-9._-]+)`, score (?<score>-?\d+)(?:, tags: (?<tags>[^)]*))?\)\s*$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^- evidence: (?:(?:iteration (?<it>\d+))?(?:, )?(?:fix (?<fix>[A-Za-z0-9._-]+))?: )?(?<delta>.+)$")]
    private static partial Regex EvidenceLine();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}

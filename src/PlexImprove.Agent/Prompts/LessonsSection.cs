using System.Globalization;
using System.Text;
using PlexImprove.Agent.Lessons;

namespace PlexImprove.Agent.Prompts;

/// <summary>What <c>{{ lessons }}</c> becomes: the phase's top rules by score under one fixed heading, with their latest evidence.</summary>
public static class LessonsSection
{
    public const string Heading = "Lessons from earlier iterations";

    /// <summary>How many rules a prompt shows by default (the rest stay in the book).</summary>
    public const int DefaultCount = 10;

    /// <summary>Evidence lines shown per rule (the newest); the book keeps them all.</summary>
    public const int EvidencePerRule = 2;

    public static string Render(LessonBook book, LessonPhase? phase, int count = DefaultCount)
    {
        var sb = new StringBuilder();
        sb.Append("## ").Append(Heading).Append("\n\n");
        var rules = phase is { } p ? book.Top(p, count) : [];
        if (rules.Count == 0)
        {
            sb.Append("No lessons recorded for this phase yet.");
            return sb.ToString();
        }

        sb.Append("Rules learned from measured outcomes, highest score first. Follow the DO rules, avoid the DON'T rules, ")
          .Append("and cite a rule by its id when it shapes your answer.\n\n");
        foreach (var rule in rules)
        {
            sb.Append("- ").Append(rule.Polarity == LessonPolarity.Do ? "DO" : "DON'T").Append(": ").Append(rule.Text)
              .Append(" (id ").Append(rule.Id).Append(", score ").Append(rule.Score.ToString(CultureInfo.InvariantCulture)).Append(")\n");
            foreach (var evidence in rule.Evidence.TakeLast(EvidencePerRule))
            {
                sb.Append("  - evidence: ");
                if (evidence.Iteration is { } iteration)
                {
                    sb.Append("iteration ").Append(iteration.ToString(CultureInfo.InvariantCulture)).Append(evidence.FixId is null ? ": " : ", ");
                }

                if (evidence.FixId is { } fix)
                {
                    sb.Append("fix ").Append(fix).Append(": ");
                }

                sb.Append(evidence.Delta).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n');
    }
}

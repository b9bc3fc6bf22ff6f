using System.Net;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// Title match failures where the site lists the searched film under a title written differently — curly quotes,
/// diacritics, <c>&amp;</c>/<c>and</c>, punctuation, a leading or trailing article, case and spacing, in any mix →
/// normalise both sides of the agent's comparison. Confirmed first: the site's search page is fetched and its titles
/// compared with the name Plex searched for (and the text the agent sent, which may be only the first words); without a
/// confirmed case the rule proposes nothing. Candidates, in order: the normalisation at the top of the agent's own
/// normalising function, then its title comparisons (<c>==</c>, <c>in</c>, <c>startswith</c>) wrapped in a
/// normalising function; with a pre-flight the brain proposes the first that makes a failing item match.
/// </summary>
public sealed partial class TitleTypographyRule : IPlaybookRule
{
    public const string RuleName = "title-typography";

    /// <summary>Suffix of the fix id of the candidate that rewrites comparisons.</summary>
    public const string ComparisonsSuffix = "-comparisons";

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        long failures = agent.Counts.TitleMatchFailures;
        if (failures == 0)
        {
            return [];
        }

        var signatures = agent.SignaturesOf("match", "Title Match").Select(s => s.Id).ToList();
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var searches = agent.Log.OfKind("title-match").Where(i => i.Url is not null)
            .GroupBy(i => i.Url!, StringComparer.Ordinal).Take(context.Options.MaxPagesPerRule)
            .Select(g => (Url: g.Key, Names: g.Select(i => i.Searched).OfType<string>().SelectMany(SearchedName.Forms).Append(SearchQuery.Term(g.Key)).OfType<string>().Distinct(StringComparer.Ordinal).ToList()))
            .ToList();
        if (searches.Count == 0)
        {
            return [RuleProposal.NotBuilt("the log does not show which page the failing searches read", signatures)];
        }

        var confirmed = new List<TitleEvidence>();
        int fetched = 0;
        foreach (var (url, names) in searches)
        {
            var page = await context.FetchAsync(url, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
            if (names.Count == 0 || page is not { Status: >= 200 and < 300 })
            {
                continue;
            }

            fetched++;
            var sent = SearchQuery.Term(url);
            var siteTitles = CandidateTitles(page.Body).ToList();
            foreach (var name in names)
            {
                var match = siteTitles.FirstOrDefault(t => TitleTypography.DifferOnlyByTypography(t, name));
                if (match is not null)
                {
                    confirmed.Add(new TitleEvidence(url, name, match, Differences(match, name, sent)));
                    break;
                }
            }
        }

        if (confirmed.Count == 0)
        {
            return [RuleProposal.NotBuilt(fetched == 0
                ? "the site's search pages could not be fetched to compare titles"
                : "on the site's search pages no title names the searched film once quotes, diacritics, '&', punctuation, articles, case and spacing are set aside", signatures)];
        }

        var candidates = new List<RuleProposal>();
        if (FindNormaliser(agent.Bundle) is { } function)
        {
            var (file, bodyIndex, indent, parameter, line) = function;
            var rewrite = new SourceRewrite();
            rewrite.Insert(file, bodyIndex, TitleNormaliserCode.Statements(indent, parameter));
            candidates.Add(RuleProposal.For(Fix(agent, FixIds.For(RuleName, agent.Agent), confirmed, signatures, rewrite, [(file, line)],
                "the normalising function keeps"), signatures));
        }

        if (TitleComparisonRewrite.Build(agent.Bundle) is { } comparisons)
        {
            candidates.Add(RuleProposal.For(Fix(agent, FixIds.For(RuleName, agent.Agent) + ComparisonsSuffix, confirmed, signatures, comparisons.Rewrite, comparisons.Lines,
                "the title comparison keeps"), signatures));
        }

        if (candidates.Count == 0)
        {
            return [RuleProposal.NotBuilt("the agent has no title-normalising function (def norm…/clean…(title)) and no title comparison (==, in, startswith) to normalise", signatures)];
        }

        // Alternatives only help when they can be run to choose between them; without a pre-flight the first stands alone.
        return context.Request.Preflight is null ? [candidates[0]] : candidates;
    }

    /// <summary>The writing differences between the site's title and the searched one, and whether the agent sent only the first words.</summary>
    private static IReadOnlyList<string> Differences(string site, string searched, string? sent)
    {
        var differences = TitleTypography.Differences(site, searched).ToList();
        if (sent is not null && TitleTypography.Normalise(sent) is { Length: > 0 } prefix && TitleTypography.Normalise(searched) is var whole
            && whole.Length > prefix.Length && whole.StartsWith(prefix + " ", StringComparison.Ordinal))
        {
            differences.Add("a search by the first words of the title");
        }

        return differences;
    }

    private static FixProposal Fix(AgentEvidence agent, string id, IReadOnlyList<TitleEvidence> confirmed, IReadOnlyList<string> signatures,
        SourceRewrite rewrite, IReadOnlyList<(AgentCodeFile File, int Line)> lines, string divergence)
    {
        long failures = agent.Counts.TitleMatchFailures;
        var differences = string.Join(", ", confirmed.SelectMany(c => c.Differences).Distinct(StringComparer.Ordinal));
        var (file, line) = lines[0];
        return new FixProposal
        {
            Id = id,
            Title = $"Normalise titles in {FixIds.ShortName(agent.Agent)} ({differences})",
            Agents = [agent.Agent],
            RootCause = $"The site writes titles differently from the file ({differences}) and the agent compares them as written, so the searched film is listed but not matched ({failures} title match failures).",
            Evidence =
            [
                .. signatures.Select(sid => new FixEvidence { Kind = "signature", Ref = sid, Excerpt = agent.Signatures.First(s => s.Id == sid).Example }),
                .. confirmed.Select(c => new FixEvidence { Kind = "page", Ref = c.Url, Excerpt = $"searched \"{c.Searched}\"; the site lists \"{c.Site}\"" }),
                .. lines.Select(l => new FixEvidence { Kind = "code", Ref = $"{l.File.RelativePath}:{l.Line}", Excerpt = l.File.Line(l.Line).Trim() }),
            ],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The site's title and the file's title compare equal when they name the same film.",
                Observed = $"< Title Match Failure! > on {agent.Per100(failures)} per 100 sessions although the site lists the film.",
                DivergencePoint = $"{file.RelativePath}:{line}: {divergence} {differences}",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "titleMatchFailures", Direction = ChangeDirection.Decrease, Note = "titles that differ only in their writing match" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
            ],
            SuccessIndicators = ["fewer '< Title Match Failure! >' lines", "the items named in the evidence update"],
            FailureIndicators = ["title match failures unchanged: the titles differ by words, not writing", "a UnicodeDecodeError in the normalisation"],
            Contingency = "If failures remain, compare the remaining site titles with the file titles (words, not writing) and roll back if nothing moved.",
            Priority = FixPriority.Medium,
            Confidence = Math.Min(0.9, 0.55 + (0.1 * confirmed.Count)),
        };
    }

    /// <summary>Texts of links and headings on a page: where result lists put titles.</summary>
    internal static IEnumerable<string> CandidateTitles(string html)
    {
        var document = HtmlXPath.Parse(html);
        var nodes = document.DocumentNode.SelectNodes("//a|//h1|//h2|//h3|//h4|//*[contains(@class,'title')]");
        if (nodes is null)
        {
            yield break;
        }

        foreach (var node in nodes)
        {
            var text = WebUtility.HtmlDecode(node.InnerText).Trim();
            if (text.Length is > 0 and < 200)
            {
                yield return text;
            }
        }
    }

    /// <summary>The agent's normalising function: where its body starts (after a docstring), its indentation and title parameter.</summary>
    internal static (AgentCodeFile File, int BodyIndex, string Indent, string Parameter, int Line)? FindNormaliser(AgentBundle bundle)
    {
        foreach (var file in bundle.Files)
        {
            foreach (Match m in Normaliser().Matches(file.Text))
            {
                var parameters = m.Groups["params"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => p.Split('=')[0].Trim()).Where(p => p != "self" && p != "cls" && !p.StartsWith('*')).ToList();
                if (parameters.Count == 0)
                {
                    continue;
                }

                int bodyLine = file.LineOf(m.Index) + 1;
                var first = file.Line(bodyLine);
                var indent = first[..(first.Length - first.TrimStart().Length)];
                if (indent.Length <= m.Groups["indent"].Value.Length)
                {
                    continue;
                }

                var trimmed = first.TrimStart();
                if (trimmed.StartsWith("\"\"\"", StringComparison.Ordinal) || trimmed.StartsWith("'''", StringComparison.Ordinal))
                {
                    int docStart = file.StartOfLine(bodyLine) + indent.Length;
                    int docEnd = PythonSyntax.StringEnd(file.Text, docStart);
                    bodyLine = file.LineOf(docEnd) + 1;
                }

                return (file, file.StartOfLine(bodyLine), indent, parameters[0], file.LineOf(m.Index));
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)def\s+\w*(?:norm|clean|simplif|canonical|standardi)\w*\s*\((?<params>[^)]*)\)\s*:", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Normaliser();
}

using System.Net;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// Title match failures where the site lists the searched film under a title that differs only by typography →
/// normalise both sides in the agent's normalising function (curly quotes and apostrophes, diacritics, <c>&amp;</c>,
/// a trailing <c>, The</c>). Confirmed first: the site's search page is fetched and its titles compared with the
/// searched one; without a confirmed case the rule proposes nothing.
/// </summary>
public sealed partial class TitleTypographyRule : IPlaybookRule
{
    public const string RuleName = "title-typography";

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

        var urls = agent.Log.OfKind("title-match").Select(i => i.Url).Where(u => u is not null).Distinct(StringComparer.Ordinal).Take(context.Options.MaxPagesPerRule).ToList();
        if (urls.Count == 0)
        {
            return [RuleProposal.NotBuilt("the log does not show which page the failing searches read", signatures)];
        }

        var confirmed = new List<(string Url, string Searched, string Site, IReadOnlyList<string> Differences)>();
        int fetched = 0;
        foreach (var url in urls)
        {
            var searched = SearchQuery.Term(url);
            var page = await context.FetchAsync(url!, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
            if (searched is null || page is not { Status: >= 200 and < 300 })
            {
                continue;
            }

            fetched++;
            var match = CandidateTitles(page.Body).FirstOrDefault(t => TitleTypography.DifferOnlyByTypography(t, searched));
            if (match is not null)
            {
                confirmed.Add((url!, searched, match, TitleTypography.Differences(match, searched)));
            }
        }

        if (confirmed.Count == 0)
        {
            return [RuleProposal.NotBuilt(fetched == 0
                ? "the site's search pages could not be fetched to compare titles"
                : "on the site's search pages no title differs from the searched one by typography alone", signatures)];
        }

        var function = FindNormaliser(agent.Bundle);
        if (function is null)
        {
            return [RuleProposal.NotBuilt("the agent has no title-normalising function (def norm…/clean…(title)) to extend", signatures)];
        }

        var (file, bodyIndex, indent, parameter, line) = function.Value;
        var rewrite = new SourceRewrite();
        rewrite.Insert(file, bodyIndex, NormalisationCode(indent, parameter));
        var differences = confirmed.SelectMany(c => c.Differences).Distinct(StringComparer.Ordinal).ToList();
        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Normalise title typography in {FixIds.ShortName(agent.Agent)} ({string.Join(", ", differences)})",
            Agents = [agent.Agent],
            RootCause = $"The site writes titles with typography the agent's comparison keeps ({string.Join(", ", differences)}), so the searched film is listed but not matched ({failures} title match failures).",
            Evidence =
            [
                .. signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }),
                .. confirmed.Select(c => new FixEvidence { Kind = "page", Ref = c.Url, Excerpt = $"searched \"{c.Searched}\"; the site lists \"{c.Site}\"" }),
                new FixEvidence { Kind = "code", Ref = $"{file.RelativePath}:{line}", Excerpt = file.Line(line).Trim() },
            ],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The site's title and the file's title compare equal when they name the same film.",
                Observed = $"< Title Match Failure! > on {agent.Per100(failures)} per 100 sessions although the site lists the film.",
                DivergencePoint = $"{file.RelativePath}:{line}: the normalising function keeps {string.Join(", ", differences)}",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "titleMatchFailures", Direction = ChangeDirection.Decrease, Note = "titles that differ only by typography match" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
            ],
            SuccessIndicators = ["fewer '< Title Match Failure! >' lines", "the items named in the evidence update"],
            FailureIndicators = ["title match failures unchanged: the titles differ by more than typography", "a UnicodeDecodeError in the normalising function"],
            Contingency = "If failures remain, compare the remaining site titles with the file titles (words, not typography) and roll back if nothing moved.",
            Priority = FixPriority.Medium,
            Confidence = Math.Min(0.9, 0.55 + (0.1 * confirmed.Count)),
        };
        return [RuleProposal.For(fix, signatures)];
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
                    int docEnd = FetchCall.EndOfString(file.Text, docStart);
                    bodyLine = file.LineOf(docEnd) + 1;
                }

                return (file, file.StartOfLine(bodyLine), indent, parameters[0], file.LineOf(m.Index));
            }
        }

        return null;
    }

    /// <summary>Python 2.7 that respects the loader rules: no underscore names, no augmented assignment, no iteration over strings.</summary>
    internal static string NormalisationCode(string indent, string p)
    {
        string[] lines =
        [
            "# Typography the site and the file may write differently: curly quotes, diacritics, '&', a trailing article.",
            "import re as typography_re",
            "import unicodedata as typography_unicodedata",
            $"if isinstance({p}, str):",
            $"    {p} = {p}.decode('utf-8', 'replace')",
            $"{p} = {p}.replace(u'\\u2018', u\"'\").replace(u'\\u2019', u\"'\").replace(u'\\u201a', u\"'\").replace(u'\\u2032', u\"'\")",
            $"{p} = {p}.replace(u'\\u201c', u'\"').replace(u'\\u201d', u'\"').replace(u'\\u2013', u'-').replace(u'\\u2014', u'-')",
            $"{p} = typography_re.sub(u'[\\u0300-\\u036f]', u'', typography_unicodedata.normalize('NFKD', {p}))",
            $"{p} = typography_re.sub(u'\\\\s*&\\\\s*', u' and ', {p})",
            "for typography_article in (u'the', u'a', u'an'):",
            $"    if {p}.lower().rstrip().endswith(u', ' + typography_article):",
            $"        {p} = typography_article + u' ' + {p}.rstrip()[:-len(typography_article) - 2]",
        ];
        return string.Concat(lines.Select(l => indent + l + "\n"));
    }

    [GeneratedRegex(@"^(?<indent>[ \t]*)def\s+\w*(?:norm|clean|simplif|canonical|standardi)\w*\s*\((?<params>[^)]*)\)\s*:", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex Normaliser();
}

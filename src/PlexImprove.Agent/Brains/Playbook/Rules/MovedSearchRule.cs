using System.Text.RegularExpressions;
using System.Web;
using PlexImprove.Agent.Brains.Playbook.Network;
using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// The site moved its search: the agent's search URL (a path with a query) now answers 404 (or 410, or redirects away),
/// while the site's home page shows a search form with a new path and field. Each such form becomes a candidate that
/// rewrites the URL the agent builds (the old path and query field in its string literals); pre-flight picks the one
/// that finds the items again.
/// </summary>
public sealed partial class MovedSearchRule : IPlaybookRule
{
    public const string RuleName = "search-moved";

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var gone = agent.Log.Http(404).Concat(agent.Log.Http(410))
            .Where(i => Uri.TryCreate(i.Url, UriKind.Absolute, out var u) && u.Query.Length > 1)
            .ToList();
        if (gone.Count == 0)
        {
            return [];
        }

        var signatures = HttpSignatures.Covering(agent, 404).Concat(HttpSignatures.Covering(agent, 410)).Distinct(StringComparer.Ordinal).ToList();
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        // The most frequent failing search path is the one that moved.
        var incident = gone.GroupBy(i => new Uri(i.Url!).GetLeftPart(UriPartial.Path), StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).First().First();
        var oldUrl = new Uri(incident.Url!);
        var oldPath = oldUrl.AbsolutePath;
        var oldField = QueryField(oldUrl);
        if (oldField is null)
        {
            return [RuleProposal.NotBuilt($"the failing URL {oldUrl} carries no query field to move", signatures)];
        }

        var now = await context.FetchAsync(oldUrl.AbsoluteUri, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
        if (now is null)
        {
            return [RuleProposal.NotBuilt("the site's pages could not be read (no page fetcher), so its new search form could not be found", signatures)];
        }

        if (now.Status is >= 200 and < 300)
        {
            return [RuleProposal.NotBuilt($"{oldUrl} answers {now.Status} from here: the search did not move", signatures)];
        }

        var homeUrl = new Uri(oldUrl.GetLeftPart(UriPartial.Authority) + "/");
        var home = await context.FetchAsync(homeUrl.AbsoluteUri, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
        if (home is not { Status: >= 200 and < 300 })
        {
            return [RuleProposal.NotBuilt($"the site's home page {homeUrl} answers {home?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}{(home?.Error is { } e ? " (" + e + ")" : "")}; no new search form to follow", signatures)];
        }

        var forms = SearchForm.FindAll(home.Body, homeUrl)
            .Where(f => string.Equals(f.Host, oldUrl.Host, StringComparison.OrdinalIgnoreCase) && !(f.Path == oldPath && f.Field == oldField))
            .ToList();
        if (forms.Count == 0)
        {
            return [RuleProposal.NotBuilt($"the home page {homeUrl} shows no search form (a GET form with a text field) other than the old one", signatures)];
        }

        var proposals = new List<RuleProposal>();
        foreach (var (form, index) in forms.Select((f, i) => (f, i)))
        {
            var rewrite = new SourceRewrite();
            var touched = new List<(AgentCodeFile File, int Line, string Old)>();
            foreach (var file in agent.Bundle.Files)
            {
                foreach (Match literal in StringLiteral().Matches(file.Text))
                {
                    var text = literal.Groups["body"].Value;
                    var updated = Rewrite(text, oldPath, oldField, form);
                    if (updated != text && !InComment(file.Text, literal.Index))
                    {
                        var start = literal.Groups["body"].Index;
                        rewrite.Replace(file, start, start + text.Length, updated);
                        touched.Add((file, file.LineOf(start), text));
                    }
                }
            }

            if (!touched.Any(t => t.Old.Contains(oldPath, StringComparison.Ordinal)))
            {
                proposals.Add(RuleProposal.NotBuilt($"no string literal in the agent's code holds the old search path {oldPath}", signatures));
                break;
            }

            var id = FixIds.For(RuleName, agent.Agent) + (index == 0 ? "" : "-alt" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var newQuery = form.Path + "?" + string.Concat(form.Hidden.Select(h => h.Key + "=" + h.Value + "&")) + form.Field + "=";
            proposals.Add(RuleProposal.For(new FixProposal
            {
                Id = id,
                Title = $"Follow {FixIds.ShortName(agent.Agent)}'s site to its new search ({form.Path})",
                Agents = [agent.Agent],
                RootCause = $"The site moved its search: {oldPath}?{oldField}= now answers {now.Status} ({gone.Count} record(s)), and its home page searches with {newQuery}.",
                Evidence =
                [
                    new FixEvidence { Kind = "log", Ref = incident.Url, Excerpt = incident.Excerpt },
                    new FixEvidence { Kind = "page", Ref = oldUrl.AbsoluteUri, Excerpt = $"answers {now.Status} from here" },
                    new FixEvidence { Kind = "page", Ref = homeUrl.AbsoluteUri, Excerpt = $"a search form: GET {form.Path} with field '{form.Field}'" },
                    .. touched.Select(t => new FixEvidence { Kind = "code", Ref = $"{t.File.RelativePath}:{t.Line}", Excerpt = t.Old }),
                ],
                ExpectedVsObserved = new ExpectedVsObserved
                {
                    Expected = "The agent's search URL returns the site's results page.",
                    Observed = $"HTTP Error {now.Status} on {oldPath}: the page is gone.",
                    DivergencePoint = $"{touched[0].File.RelativePath}:{touched[0].Line}: the search URL is built on {oldPath}?{oldField}=",
                },
                Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
                ExpectedResults =
                [
                    new ExpectedResult { Metric = "http.404", Direction = ChangeDirection.Decrease, Target = 0, Note = "the new search path answers" },
                    new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase, Note = "searches find the items again" },
                ],
                SuccessIndicators = ["no 'HTTP Error 404' on search URLs in the test window", "searches log matches again"],
                FailureIndicators = ["404 persists (another form is the search)", "no results or parse errors: the new results page has another layout"],
                Contingency = "If the new page lists results in another layout, heal the selectors on it next; if another form of the home page is the search, try it.",
                Priority = FixPriority.High,
                Confidence = form.LooksLikeSearch ? 0.75 : 0.5,
            }, signatures));
        }

        return proposals;
    }

    /// <summary>The literal with the old path and query field replaced; unchanged when it holds neither.</summary>
    internal static string Rewrite(string literal, string oldPath, string oldField, SearchForm form)
    {
        var hidden = string.Concat(form.Hidden.Select(h => Uri.EscapeDataString(h.Key) + "=" + Uri.EscapeDataString(h.Value) + "&"));
        var text = literal;
        int at = text.IndexOf(oldPath, StringComparison.Ordinal);
        if (at >= 0 && (at + oldPath.Length == text.Length || text[at + oldPath.Length] is '?' or '/' or '%' or '{' or '\\'))
        {
            text = text[..at] + form.Path + text[(at + oldPath.Length)..];
        }

        foreach (var separator in new[] { '?', '&' })
        {
            var old = separator + oldField + "=";
            int field = text.IndexOf(old, StringComparison.Ordinal);
            if (field >= 0)
            {
                text = text[..field] + separator + (separator == '?' ? hidden : "") + form.Field + "=" + text[(field + old.Length)..];
            }
        }

        return text;
    }

    /// <summary>The query field that carries the search text: the first with a value holding a letter.</summary>
    private static string? QueryField(Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        return query.AllKeys.FirstOrDefault(k => k is not null && query[k] is { } v && v.Any(char.IsLetter)) ?? query.AllKeys.FirstOrDefault(k => k is not null);
    }

    private static bool InComment(string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text.AsSpan(lineStart, index - lineStart).TrimStart().StartsWith("#");
    }

    [GeneratedRegex(@"(?<q>['""])(?<body>(?:\\.|(?!\k<q>)[^\\\n])*)\k<q>")]
    private static partial Regex StringLiteral();
}

using PlexImprove.Agent.Brains.Playbook.Selectors;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Core.Html;

namespace PlexImprove.Agent.Brains.Playbook.Rules;

/// <summary>
/// <c>IndexError: list index out of range</c> on an <c>.xpath()</c> line → the site changed its layout: fetch the page
/// the failing session read, replay the function's selectors on it, heal each that matches nothing with a union of
/// the old and the new layout (verified on the page), then follow the searched title's link and do the same for the
/// detail-page function, so the fix reads both pages.
/// </summary>
public sealed class SelectorHealingRule : IPlaybookRule
{
    public const string RuleName = "selector-healing";

    /// <summary>The functions that read a detail page, tried after a search function is healed.</summary>
    private static readonly string[] DetailFunctions = ["update"];

    public string Name => RuleName;

    public async Task<IReadOnlyList<RuleProposal>> ProposeAsync(AgentEvidence agent, PlaybookContext context, CancellationToken cancellationToken)
    {
        var crashes = agent.Log.OfKind("crash")
            .Where(c => (c.ExceptionLine?.StartsWith("IndexError", StringComparison.Ordinal) ?? false) && (c.CodeText?.Contains(".xpath(", StringComparison.Ordinal) ?? false))
            .ToList();
        if (crashes.Count == 0 || agent.Counts.Exceptions.GetValueOrDefault("IndexError") == 0)
        {
            return [];
        }

        var signatures = agent.Signatures.Where(s => s.Text.Contains("IndexError", StringComparison.Ordinal) || s.Example.Contains("IndexError", StringComparison.Ordinal)).Select(s => s.Id).ToList();
        if (agent.Bundle is null)
        {
            return [RuleProposal.NotBuilt($"the bundle of {agent.Agent} is not in the Plug-ins folder", signatures)];
        }

        var rewrite = new SourceRewrite();
        var healed = new List<(HealedSelector Selector, AgentCodeFile File, string Url)>();
        var unhealed = new List<string>();
        var evidence = new List<FixEvidence>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var crash in crashes.Where(c => c.Url is not null).DistinctBy(c => (c.CodeFile, c.CodeLine)).Take(context.Options.MaxPagesPerRule))
        {
            var file = crash.CodeFile is null ? null : agent.Bundle.FileEndingWith(crash.CodeFile);
            if (file is null || PythonFunction.Enclosing(file, crash.CodeLine) is not { } function || !done.Add(file.RelativePath + ":" + function.Name))
            {
                continue;
            }

            var page = await context.FetchAsync(crash.Url!, BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
            if (page is not { Status: >= 200 and < 300 })
            {
                unhealed.Add($"{crash.Url}: the page could not be fetched ({page?.Error ?? page?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no fetcher"})");
                continue;
            }

            evidence.Add(new FixEvidence { Kind = "log", Ref = $"{file.RelativePath}:{crash.CodeLine}", Excerpt = $"{crash.CodeText} → {crash.ExceptionLine}" });
            var healer = new SelectorHealer(page.Body, SearchQuery.Term(crash.Url));
            healer.Replay(file, function.FirstLine, function.LastLine);
            Collect(healer, file, crash.Url!);

            // A healed search leads to the detail page: heal the function that reads it before it crashes there.
            if (healer.ResultLink is { } link && Uri.TryCreate(new Uri(crash.Url!), link, out var detailUrl))
            {
                var detail = await context.FetchAsync(detailUrl.ToString(), BrowserHeaders.AsDictionary, cancellationToken).ConfigureAwait(false);
                foreach (var name in DetailFunctions)
                {
                    if (detail is { Status: >= 200 and < 300 } && PythonFunction.Named(file, name) is { } reader && done.Add(file.RelativePath + ":" + reader.Name))
                    {
                        var detailHealer = new SelectorHealer(detail.Body, null);
                        detailHealer.Replay(file, reader.FirstLine, reader.LastLine);
                        Collect(detailHealer, file, detailUrl.ToString());
                    }
                }
            }
        }

        if (healed.Count == 0)
        {
            return [RuleProposal.NotBuilt(unhealed.Count > 0 ? string.Join("; ", unhealed) : "the failing selectors match on the page the site serves now; the crash has another cause", signatures)];
        }

        foreach (var (selector, file, url) in healed)
        {
            var quote = selector.Call.Quote;
            var union = quote == '"' ? selector.Union.Replace('"', '\'') : selector.Union;
            rewrite.Replace(file, selector.Call.ExpressionStart, selector.Call.ExpressionStart + selector.Call.Expression.Length, union);
            evidence.Add(new FixEvidence { Kind = "page", Ref = url, Excerpt = $"'{selector.Call.Expression}' matches nothing; '{union}' matches {selector.Matches} ({selector.Role}, first: \"{selector.FirstMatch}\")" });
        }

        var first = healed[0];
        var fix = new FixProposal
        {
            Id = FixIds.For(RuleName, agent.Agent),
            Title = $"Read both the old and the new page layout in {FixIds.ShortName(agent.Agent)} ({healed.Count} selector(s))",
            Agents = [agent.Agent],
            RootCause = $"The site changed its page layout: {healed.Count} selector(s) of the agent match nothing on the pages it serves now, and indexing [0] into the empty result raises IndexError.",
            Evidence = [.. signatures.Select(id => new FixEvidence { Kind = "signature", Ref = id, Excerpt = agent.Signatures.First(s => s.Id == id).Example }), .. evidence],
            ExpectedVsObserved = new ExpectedVsObserved
            {
                Expected = "The agent's selectors find the result list and the detail fields on the pages the site serves.",
                Observed = $"IndexError: list index out of range ({agent.Counts.Exceptions.GetValueOrDefault("IndexError")} crashes).",
                DivergencePoint = $"{first.File.RelativePath}:{first.Selector.Call.Line}: '{first.Selector.Call.Expression}'",
            },
            Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = rewrite.ToEdits() },
            ExpectedResults =
            [
                new ExpectedResult { Metric = "exception.IndexError", Direction = ChangeDirection.Decrease, Target = 0, Note = "the selectors match the new layout" },
                new ExpectedResult { Metric = "successRate", Direction = ChangeDirection.Increase },
            ],
            SuccessIndicators = ["no IndexError in the test window", "searches and updates log success"],
            FailureIndicators = ["IndexError moves to another line: a selector not replayed here changed too", "title match failures: the new layout writes titles differently"],
            Contingency = "If the crash moves, fetch the page it read and heal that selector the same way; roll back if success does not rise.",
            Priority = FixPriority.High,
            Confidence = unhealed.Count == 0 ? 0.8 : 0.6,
        };
        if (unhealed.Count > 0)
        {
            context.Note($"{agent.Agent}: {string.Join("; ", unhealed)}");
        }

        return [RuleProposal.For(fix, signatures)];

        void Collect(SelectorHealer healer, AgentCodeFile file, string url)
        {
            healed.AddRange(healer.Healed.Select(h => (h, file, url)));
            unhealed.AddRange(healer.Unhealed.Select(u => $"{file.RelativePath}:{u.Call.Line}: {u.Reason}"));
        }
    }
}
